/**
 * Lets the browser fetch a file itself (a one-time export link, a
 * template): the response goes to disk, never through the SPA's memory.
 * A hidden <a download> keeps the page where it is even when the server
 * answers with an error instead of a file.
 */
export function startDownload(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
