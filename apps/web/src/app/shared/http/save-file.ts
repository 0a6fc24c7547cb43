/**
 * Hands a downloaded file to the browser under `filename`. The file is fetched with HttpClient (so the request
 * carries the Authorization header, which a plain link cannot), then offered through a short-lived object URL.
 */
export function saveFile(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoked on the next task: the download has started by then, and the blob's memory is released.
    setTimeout(() => URL.revokeObjectURL(url));
  }
}

/** A local calendar date as YYYY-MM-DD (for file names and date inputs). */
export function localDateStamp(date: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
