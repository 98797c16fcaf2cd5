// A missing limit gives NaN, which is falsy: every use takes the "no limit" branch.
export function excerpt(text: string) {
  const TEXT_LIMIT = Number(process.env.TEXT_LIMIT);
  return text.slice(0, TEXT_LIMIT ? TEXT_LIMIT : undefined);
}

// One use slices before anything tests it: NaN reaches `slice`.
export function page(items: string[]) {
  const PAGE_SIZE = Number(process.env.PAGE_SIZE); // expect: env-var-unchecked
  const first = items.slice(0, PAGE_SIZE);
  return PAGE_SIZE ? first : items;
}
