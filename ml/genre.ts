/**
 * Public API of the genre classifier for the rest of the project (facet generator, weak
 * supervision, scripts). Library code only: no argv or env.
 */
export {
  CURRENT_FILE,
  ModelNotFoundError,
  genreModelsRoot,
  latestModelDir,
  loadModel,
  markCurrent,
  predictRecord,
  predictRecords,
  type GenreModel,
  type GenreModelMeta,
  type GenrePrediction,
} from "@/ml/model/artifacts";
export { GENRE_LABELS, type GenreLabel, type LabelledBook, type WeightedExample } from "@/ml/data/labelled-books";
export type { GenreInput } from "@/ml/features/featurise";
export { readLabelledBooks } from "@/ml/data/read-labelled";
export { trainGenrePipeline, type GenreTrainingResult } from "@/ml/train/pipeline";
export { buildTrainingSettings, type GenreTrainingSettings } from "@/ml/train/settings";
export { readOutOfFoldPredictions, trainAndSaveGenreModel, type OutOfFoldPrediction } from "@/ml/train/train-and-save";
export { predictCsvFile, OUTPUT_COLUMNS } from "@/ml/predict/predict-csv";
