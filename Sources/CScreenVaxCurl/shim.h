#ifndef CSCREENVAX_CURL_SHIM_H
#define CSCREENVAX_CURL_SHIM_H
#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are C-variadic, which Swift does not import:
// one typed wrapper per argument kind. Only the Curl module calls these.

static inline CURLcode cscreenvax_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode cscreenvax_setopt_string(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode cscreenvax_setopt_pointer(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode cscreenvax_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode cscreenvax_setopt_off(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
typedef size_t (*cscreenvax_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
static inline CURLcode cscreenvax_setopt_write_function(CURL *h, cscreenvax_data_callback f) {
    return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f);
}
static inline CURLcode cscreenvax_setopt_header_function(CURL *h, cscreenvax_data_callback f) {
    return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, f);
}
static inline CURLcode cscreenvax_getinfo_long(CURL *h, CURLINFO i, long *out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode cscreenvax_getinfo_off(CURL *h, CURLINFO i, curl_off_t *out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode cscreenvax_getinfo_double(CURL *h, CURLINFO i, double *out) {
    return curl_easy_getinfo(h, i, out);
}
// Macros that name constants do not import into Swift.
static inline const char *cscreenvax_version(void) {
    return curl_version_info(CURLVERSION_NOW)->version;
}
static inline long cscreenvax_http_version_2tls(void) { return (long)CURL_HTTP_VERSION_2TLS; }
static inline long cscreenvax_global_all(void) { return (long)CURL_GLOBAL_ALL; }
static inline int cscreenvax_error_size(void) { return CURL_ERROR_SIZE; }
#endif
