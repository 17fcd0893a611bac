/**
 * Real servers and clients for tests: Redoubt started in-process on a free port, Debian's redis-server
 * as the reference, a raw RESP client that returns reply bytes exactly as sent, and the differential
 * harness that compares the two servers byte for byte.
 */
package io.redoubt.testkit;
