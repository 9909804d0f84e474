/** The path of a request without its query string (what logs and problem `instance`s carry: queries can hold names). */
export function pathOf(req: { url: string }): string {
  const query = req.url.indexOf('?');
  return query === -1 ? req.url : req.url.slice(0, query);
}
