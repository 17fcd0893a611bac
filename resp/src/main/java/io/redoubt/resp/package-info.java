/**
 * The RESP wire protocol: a request parser (multibulk and inline, with Redis's limits and error
 * texts) and a reply writer for RESP2 and RESP3. This package knows no command names; it turns bytes
 * into argument vectors and reply calls into bytes.
 */
package io.redoubt.resp;
