/**
 * Lets the browser fetch a file itself (a one-time export link, a
 * template): the response goes to disk, never through the SPA's memory.
 * A hidden <a download> keeps the page where it is even when the server
 * answers with an error instead of a file.
 */
export function startDownload(url: string): void {
  clickLink(url, '');
}

/** Saves text the page already holds (a document fetched with the caller's token) as a file. */
export function saveText(text: string, filename: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  clickLink(url, filename);
  // The click has handed the blob to the browser's download by now.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function clickLink(href: string, filename: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
