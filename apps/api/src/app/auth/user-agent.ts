import { UAParser } from 'ua-parser-js';

/**
 * A short description of a session's device for GET /me/sessions ("Chrome 131 on Windows", "Safari on iPhone"),
 * read from its User-Agent with ua-parser-js; what cannot be read is said plainly ("Unknown browser").
 */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const parser = new UAParser(userAgent);
  const browser = parser.getBrowser();
  const os = parser.getOS();
  const device = parser.getDevice();
  const browserText = browser.name ? `${browser.name}${browser.major ? ` ${browser.major}` : ''}` : null;
  const place = device.model && device.type ? device.model : os.name ? os.name : null;
  if (!browserText) {
    const tool = /^([A-Za-z][\w.-]{0,30})\/(\d+)/.exec(userAgent);
    const name = tool ? `${tool[1]} ${tool[2]}` : 'Unknown browser';
    return place ? `${name} on ${place}` : name;
  }
  return place ? `${browserText} on ${place}` : browserText;
}
