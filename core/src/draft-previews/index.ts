export { type DraftPreview, previewDraft } from './service.ts';
export { type DraftPreviewInput, DraftPreviewInputSchema } from './types.ts';
