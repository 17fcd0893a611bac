/**
 * Redis 7 access control lists: users and their passwords (stored as SHA-256 only), the rule
 * language of {@code ACL SETUSER} and {@code user} config lines, selectors, the authorizer the
 * dispatcher consults before every command, and the ACL LOG. Independent of the network: it sees
 * commands only through the engine's command table (ACL categories and key specs).
 */
package io.redoubt.acl;
