export { BATCH_SIZE, loadEmbedder, MAX_TEXT_CHARS, type Embedder } from './embedder';
export { defaultModelFolders, describeModel, listModels, missingModelFiles, REQUIRED_FILES, type ModelFolders, type ModelInfo } from './models';
