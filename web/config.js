// Deployment settings, loaded before the app as a classic script (no inline script: the CSP
// forbids it). Edit this file per environment; the app reads it once at start.
//
// PASCAREHAB_API: base URL of the API, without a trailing slash. '' = same origin (the local
// stack serves the app under /app/ next to the API; in AWS, CloudFront routes the API paths).
window.PASCAREHAB_API = '';
// The province's time zone, for "today" in date fields (WIB Asia/Jakarta, WITA Asia/Makassar,
// WIT Asia/Jayapura). It must match the stack's PROVINCE_TIME_ZONE.
window.PASCAREHAB_TIME_ZONE = 'Asia/Jakarta';
