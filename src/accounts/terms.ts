/** The version of the terms and privacy policy; raising it asks everyone to agree again at their next request. */
export const TERMS_VERSION = 1;
