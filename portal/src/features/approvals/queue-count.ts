/** The nav badge of the approval queue: nothing when empty, "100+" when there is more than a page. */
export function queueCountLabel(
  page: { data: readonly unknown[]; has_more: boolean } | undefined,
): string | null {
  if (!page || page.data.length === 0) return null;
  return page.has_more ? `${page.data.length}+` : String(page.data.length);
}
