// The part of ua-parser-js 1.x (MIT) that user-agent.ts uses; the package ships no typings of its own.
declare module 'ua-parser-js' {
  interface UAPart {
    name?: string;
    version?: string;
    major?: string;
    vendor?: string;
    model?: string;
    type?: string;
  }
  export class UAParser {
    constructor(userAgent?: string);
    getBrowser(): UAPart;
    getOS(): UAPart;
    getDevice(): UAPart;
  }
}
