/**
 * The kafka-clients plumbing behind the codecs: header parsing, the chunking response writer, the
 * zero-copy records adapter and conversions. Not part of this module's API: the broker never uses
 * these classes, and they are the only place (with the codecs' private code) that kafka-clients
 * types appear.
 */
package io.tributary.wire.internal;
