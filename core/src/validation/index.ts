export { type Metadata, MetadataSchema } from './metadata.ts';
export { findNul, hasNul, storableText } from './nul.ts';
export { formatPath, parseInput } from './parse.ts';
