#ifndef CSCREENVAX_XML_SHIM_H
#define CSCREENVAX_XML_SHIM_H
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, and its encoding.h then includes the system ICU headers, whose
// UErrorCode clashes with Foundation's own ICU module. Nothing here touches the ICU-only fields of
// xmlCharEncodingHandler (the only struct the macro changes), so the headers are read without it.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#endif
