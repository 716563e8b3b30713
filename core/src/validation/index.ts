export { type Metadata, MetadataSchema } from './metadata.ts';
export { formatPath, parseInput } from './parse.ts';
