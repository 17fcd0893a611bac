package io.redoubt.dataplane;

import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.engine.keyspace.ShardStats;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * The INFO sections that describe the server itself (server, clients, memory, persistence, stats,
 * replication, cpu, modules, cluster, keyspace), with Redis 7.0's field names in Redis's order.
 * Figures Redoubt does not have yet (persistence, replication, I/O threads) are reported as a fresh
 * Redis with the feature idle reports them, so that tools parsing INFO keep working.
 *
 * <p>{@code used_memory} is the shard's own estimate of its keys and values plus the server's structures
 * and clients ({@link ServerMemory}), the figure eviction compares with {@code maxmemory}; the process as the OS sees it is in {@code used_memory_rss} and
 * the JVM heap in the {@code allocator_*} fields.
 */
final class ServerInfoSections {
    private final ServerContext server;

    ServerInfoSections(ServerContext server) {
        this.server = server;
    }

    void write(String section, InfoText out, Session session) {
        switch (section) {
            case "server" -> server(out, session);
            case "clients" -> clients(out);
            case "memory" -> memory(out);
            case "persistence" -> persistence(out);
            case "stats" -> stats(out);
            case "replication" -> replication(out);
            case "cpu" -> cpu(out);
            case "modules" -> out.section("Modules");
            case "cluster" -> out.section("Cluster").field("cluster_enabled", 0);
            case "keyspace" -> keyspace(out);
            default -> throw new IllegalArgumentException(section);
        }
    }

    private void server(InfoText out, Session session) {
        long nowMillis = server.clock().millis();
        long uptime = (nowMillis - server.startMillis()) / 1000;
        String hz = configOr("hz", "10");
        out.section("Server")
                .field("redis_version", ServerContext.REDIS_VERSION)
                .field("redis_git_sha1", "00000000")
                .field("redis_git_dirty", 0)
                .field("redis_build_id", "0")
                .field("redis_mode", "standalone")
                .field("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + machine())
                .field("arch_bits", System.getProperty("sun.arch.data.model", "64"))
                .field("monotonic_clock", "System.nanoTime")
                .field("multiplexing_api", Transport.resolve(configOr("io-transport", Transport.AUTO)).configName())
                .field("atomicvar_api", "java")
                .field("gcc_version", "0.0.0")
                .field("process_id", ProcessHandle.current().pid())
                .field("process_supervised", "no")
                .field("run_id", server.runId())
                .field("tcp_port", port(session))
                .field("server_time_usec", nowMillis * 1000)
                .field("uptime_in_seconds", uptime)
                .field("uptime_in_days", uptime / 86400)
                .field("hz", hz)
                .field("configured_hz", hz)
                .field("lru_clock", server.shard().lruClock())
                .field("executable", ProcessHandle.current().info().command().orElse(""))
                .field("config_file", "")
                .field("io_threads_active", 0)
                .field("redoubt_version", ServerContext.REDOUBT_VERSION);
    }

    private static String machine() {
        String arch = System.getProperty("os.arch", "");
        return switch (arch) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            default -> arch;
        };
    }

    private static int port(Session session) {
        return session.localSocketAddress() instanceof InetSocketAddress a ? a.getPort() : 0;
    }

    private void clients(InfoText out) {
        out.section("Clients")
                .field("connected_clients", server.clients().size())
                .field("cluster_connections", 0)
                .field("maxclients", server.settings().maxClients())
                .field("client_recent_max_input_buffer", 0)
                .field("client_recent_max_output_buffer", 0)
                .field("blocked_clients", server.blockedClients().blockedCount())
                .field("tracking_clients", server.tracking().trackingClients())
                .field("clients_in_timeout_table", server.blockedClients().withTimeoutCount());
    }

    private void memory(InfoText out) {
        Shard shard = server.shard();
        long dataset = shard.usedMemory();
        long startup = server.memory().startup();
        long clients = server.memory().clients();
        long overhead = startup + clients;
        long used = dataset + overhead;
        ServerStats stats = server.stats();
        stats.peakMemory = Math.max(stats.peakMemory, used);
        long peak = stats.peakMemory;
        long rss = ProcessMetrics.residentBytes();
        long lua = server.scripts().luaMemory();
        long scriptBodies = server.scripts().bodyBytes();
        Runtime rt = Runtime.getRuntime();
        long heapUsed = rt.totalMemory() - rt.freeMemory();
        long heapCommitted = rt.totalMemory();
        long system = ProcessMetrics.totalSystemMemory();
        long maxmemory = parseLong(configOr("maxmemory", "0"));
        double frag = used == 0 ? 0 : (double) rss / used;
        out.section("Memory")
                .field("used_memory", used)
                .field("used_memory_human", InfoText.human(used))
                .field("used_memory_rss", rss)
                .field("used_memory_rss_human", InfoText.human(rss))
                .field("used_memory_peak", peak)
                .field("used_memory_peak_human", InfoText.human(peak))
                .field("used_memory_peak_perc", InfoText.twoDecimals(peak == 0 ? 100 : used * 100.0 / peak) + "%")
                .field("used_memory_overhead", overhead)
                .field("used_memory_startup", startup)
                .field("used_memory_dataset", dataset)
                .field("used_memory_dataset_perc",
                        InfoText.twoDecimals(used == startup ? 0 : dataset * 100.0 / (used - startup)) + "%")
                .field("allocator_allocated", heapUsed)
                .field("allocator_active", heapCommitted)
                .field("allocator_resident", rss)
                .field("total_system_memory", system)
                .field("total_system_memory_human", InfoText.human(system))
                .field("used_memory_lua", lua)
                .field("used_memory_vm_eval", lua)
                .field("used_memory_lua_human", InfoText.human(lua))
                .field("used_memory_scripts_eval", scriptBodies)
                .field("number_of_cached_scripts", server.scripts().size())
                .field("number_of_functions", server.functions().functionCount())
                .field("number_of_libraries", server.functions().libraryCount())
                .field("used_memory_vm_functions", server.functions().luaMemory())
                .field("used_memory_vm_total", lua + server.functions().luaMemory())
                .field("used_memory_vm_total_human", InfoText.human(lua + server.functions().luaMemory()))
                .field("used_memory_functions", server.functions().codeBytes())
                .field("used_memory_scripts", scriptBodies + server.functions().codeBytes())
                .field("used_memory_scripts_human", InfoText.human(scriptBodies + server.functions().codeBytes()))
                .field("maxmemory", maxmemory)
                .field("maxmemory_human", InfoText.human(maxmemory))
                .field("maxmemory_policy", configOr("maxmemory-policy", "noeviction"))
                .field("allocator_frag_ratio", InfoText.twoDecimals(heapUsed == 0 ? 0 : (double) heapCommitted / heapUsed))
                .field("allocator_frag_bytes", heapCommitted - heapUsed)
                .field("allocator_rss_ratio", InfoText.twoDecimals(heapCommitted == 0 ? 0 : (double) rss / heapCommitted))
                .field("allocator_rss_bytes", rss - heapCommitted)
                .field("rss_overhead_ratio", InfoText.twoDecimals(1))
                .field("rss_overhead_bytes", 0)
                .field("mem_fragmentation_ratio", InfoText.twoDecimals(frag))
                .field("mem_fragmentation_bytes", rss - used)
                .field("mem_not_counted_for_evict", 0)
                .field("mem_replication_backlog", 0)
                .field("mem_total_replication_buffers", 0)
                .field("mem_clients_slaves", 0)
                .field("mem_clients_normal", clients)
                .field("mem_cluster_links", 0)
                .field("mem_aof_buffer", 0)
                .field("mem_allocator", "jvm-" + Runtime.version().feature())
                .field("active_defrag_running", 0)
                .field("lazyfree_pending_objects", 0)
                .field("lazyfreed_objects", shard.stats().lazyfreedObjects);
    }

    private void persistence(InfoText out) {
        java.util.Map<String, String> rdb = server.rdb().infoFields();
        java.util.Map<String, String> aof = server.aof().infoFields();
        out.section("Persistence")
                .field("loading", rdb.get("loading"))
                .field("async_loading", 0)
                .field("current_cow_peak", 0)
                .field("current_cow_size", 0)
                .field("current_cow_size_age", 0)
                .field("current_fork_perc", "0.00")
                .field("current_save_keys_processed", 0)
                .field("current_save_keys_total", 0)
                .field("rdb_changes_since_last_save", rdb.get("rdb_changes_since_last_save"))
                .field("rdb_bgsave_in_progress", rdb.get("rdb_bgsave_in_progress"))
                .field("rdb_last_save_time", rdb.get("rdb_last_save_time"))
                .field("rdb_last_bgsave_status", rdb.get("rdb_last_bgsave_status"))
                .field("rdb_last_bgsave_time_sec", rdb.get("rdb_last_bgsave_time_sec"))
                .field("rdb_current_bgsave_time_sec", rdb.get("rdb_current_bgsave_time_sec"))
                .field("rdb_saves", rdb.get("rdb_saves"))
                .field("rdb_last_cow_size", 0)
                .field("rdb_last_load_keys_expired", rdb.get("rdb_last_load_keys_expired"))
                .field("rdb_last_load_keys_loaded", rdb.get("rdb_last_load_keys_loaded"))
                .field("aof_enabled", aof.get("aof_enabled"))
                .field("aof_rewrite_in_progress", aof.get("aof_rewrite_in_progress"))
                .field("aof_rewrite_scheduled", aof.get("aof_rewrite_scheduled"))
                .field("aof_last_rewrite_time_sec", aof.get("aof_last_rewrite_time_sec"))
                .field("aof_current_rewrite_time_sec", aof.get("aof_current_rewrite_time_sec"))
                .field("aof_last_bgrewrite_status", aof.get("aof_last_bgrewrite_status"))
                .field("aof_rewrites", aof.get("aof_rewrites"))
                .field("aof_rewrites_consecutive_failures", 0)
                .field("aof_last_write_status", aof.get("aof_last_write_status"))
                .field("aof_last_cow_size", 0)
                .field("module_fork_in_progress", 0)
                .field("module_fork_last_cow_size", 0);
        if (aof.containsKey("aof_current_size")) {
            // only while the AOF is on, as Redis writes them
            for (String name : List.of("aof_current_size", "aof_base_size", "aof_pending_rewrite",
                    "aof_buffer_length", "aof_pending_bio_fsync", "aof_delayed_fsync")) {
                out.field(name, aof.get(name));
            }
        }
    }

    private void stats(InfoText out) {
        ServerStats s = server.stats();
        ShardStats shard = server.shard().stats();
        out.section("Stats")
                .field("total_connections_received", s.totalConnectionsReceived)
                .field("total_commands_processed", s.totalCommandsProcessed)
                .field("instantaneous_ops_per_sec", s.instantaneousOpsPerSec())
                .field("total_net_input_bytes", s.netInputBytes)
                .field("total_net_output_bytes", s.netOutputBytes)
                .field("total_net_repl_input_bytes", 0)
                .field("total_net_repl_output_bytes", 0)
                .field("instantaneous_input_kbps", "0.00")
                .field("instantaneous_output_kbps", "0.00")
                .field("instantaneous_input_repl_kbps", "0.00")
                .field("instantaneous_output_repl_kbps", "0.00")
                .field("rejected_connections", s.rejectedConnections)
                .field("sync_full", s.syncFull)
                .field("sync_partial_ok", s.syncPartialOk)
                .field("sync_partial_err", s.syncPartialErr)
                .field("expired_keys", shard.expiredKeys)
                .field("expired_stale_perc", InfoText.twoDecimals(shard.expiredStalePercent))
                .field("expired_time_cap_reached_count", 0)
                .field("expire_cycle_cpu_milliseconds", 0)
                .field("evicted_keys", shard.evictedKeys)
                .field("evicted_clients", 0)
                .field("total_eviction_exceeded_time", 0)
                .field("current_eviction_exceeded_time", 0)
                .field("keyspace_hits", shard.keyspaceHits)
                .field("keyspace_misses", shard.keyspaceMisses)
                .field("pubsub_channels", 0)
                .field("pubsub_patterns", 0)
                .field("pubsubshard_channels", 0)
                .field("latest_fork_usec", 0)
                .field("total_forks", 0)
                .field("migrate_cached_sockets", 0)
                .field("slave_expires_tracked_keys", 0)
                .field("active_defrag_hits", 0)
                .field("active_defrag_misses", 0)
                .field("active_defrag_key_hits", 0)
                .field("active_defrag_key_misses", 0)
                .field("total_active_defrag_time", 0)
                .field("current_active_defrag_time", 0)
                .field("tracking_total_keys", server.tracking().totalKeys())
                .field("tracking_total_items", server.tracking().totalItems())
                .field("tracking_total_prefixes", server.tracking().totalPrefixes())
                .field("unexpected_error_replies", 0)
                .field("total_error_replies", s.totalErrorReplies)
                .field("dump_payload_sanitizations", 0)
                .field("total_reads_processed", 0)
                .field("total_writes_processed", 0)
                .field("io_threaded_reads_processed", 0)
                .field("io_threaded_writes_processed", 0)
                .field("reply_buffer_shrinks", 0)
                .field("reply_buffer_expands", 0);
    }

    private void replication(InfoText out) {
        out.section("Replication");
        server.replication().infoFields().forEach(out::field);
    }

    private void cpu(InfoText out) {
        long[] process = ProcessMetrics.processCpuMicros();
        long[] main = ProcessMetrics.threadCpuMicros();
        out.section("CPU")
                .field("used_cpu_sys", InfoText.seconds(process[1]))
                .field("used_cpu_user", InfoText.seconds(process[0]))
                .field("used_cpu_sys_children", InfoText.seconds(0))
                .field("used_cpu_user_children", InfoText.seconds(0))
                .field("used_cpu_sys_main_thread", InfoText.seconds(main[1]))
                .field("used_cpu_user_main_thread", InfoText.seconds(main[0]));
    }

    private void keyspace(InfoText out) {
        out.section("Keyspace");
        Shard shard = server.shard();
        for (int i = 0; i < shard.databaseCount(); i++) {
            Keyspace db = shard.db(i);
            if (db.size() == 0) {
                continue;
            }
            out.field("db" + i, "keys=" + db.size() + ",expires=" + db.volatileCount()
                    + ",avg_ttl=" + db.averageTtl());
        }
    }

    private String configOr(String name, String fallback) {
        try {
            String v = server.config().get(name);
            return v == null ? fallback : v;
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static long parseLong(String v) {
        try {
            return Long.parseLong(v.trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
