/** The hidden fields (csrf, version, lang) of the customer page's form posting to `action`, as a browser would send them. */
export function pageFormFields(html: string, action: string): Record<string, string> {
  const form = new RegExp(`<form method="post" action="[^"]*/${action}">(.*?)</form>`, 's').exec(html)?.[1];
  if (form === undefined) throw new Error(`no ${action} form on the page`);
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
}
