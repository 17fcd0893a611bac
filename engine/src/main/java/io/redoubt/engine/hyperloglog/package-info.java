/** HyperLogLog commands (PFADD PFCOUNT PFMERGE PFDEBUG PFSELFTEST) in Redis's exact byte format. */
package io.redoubt.engine.hyperloglog;
