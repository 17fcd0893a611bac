/** Bitmap commands on string values: SETBIT GETBIT BITCOUNT BITPOS BITOP BITFIELD BITFIELD_RO. */
package io.redoubt.engine.bitmaps;
