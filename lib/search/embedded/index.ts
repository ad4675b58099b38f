export { EmbeddedSearchEngine } from "@/lib/search/embedded/engine";
export { SearchIndexError } from "@/lib/search/embedded/index-state";
