package dev.nexus.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of the platform's processes, the servers (PostgreSQL, RabbitMQ, Redis) and this JVM,
 * and of the whole machine: two snapshots give how many cores each used in between, which tells
 * what a benchmark run was limited by.
 */
record CpuUse(long atNanos, Map<String, Duration> byProcess, long machineBusyTicks, long machineTicks) {

    private static final Map<String, String> SERVERS = Map.of("postgres", "postgresql", "beam.smp", "rabbitmq",
            "redis-server", "redis", "redis-check-rdb", "redis"); // Debian's redis-server runs that binary

    static CpuUse snapshot(Map<String, ProcessHandle> instances) {
        Map<String, Duration> used = new LinkedHashMap<>();
        instances.forEach((name, process) -> used.put(name, cpu(process)));
        used.put("benchmark client", cpu(ProcessHandle.current()));
        ProcessHandle.allProcesses().forEach(process -> process.info().command().ifPresent(command -> {
            String server = SERVERS.get(Path.of(command).getFileName().toString());
            if (server != null) {
                used.merge(server, cpu(process), Duration::plus);
            }
        }));
        long[] machine = readMachine();
        return new CpuUse(System.nanoTime(), used, machine[0], machine[1]);
    }

    /** Cores used per process between {@code from} and this snapshot, and the machine's busy share. */
    void printSince(CpuUse from, PrintStream out) {
        double seconds = (atNanos - from.atNanos) / 1e9;
        double busy = 100.0 * (machineBusyTicks - from.machineBusyTicks) / (machineTicks - from.machineTicks);
        out.printf("  CPU over the measured %.0f s: machine %.0f %% busy (of %d cores); cores used per process:%n",
                seconds, busy, Runtime.getRuntime().availableProcessors());
        byProcess.forEach((name, total) -> out.printf("    %-17s %.2f%n", name,
                total.minus(from.byProcess.getOrDefault(name, Duration.ZERO)).toNanos() / 1e9 / seconds));
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Busy and all jiffies of the machine from the first line of /proc/stat (zeros where there is none). */
    private static long[] readMachine() {
        try {
            long[] fields = Arrays.stream(Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+"))
                    .skip(1).mapToLong(Long::parseLong).toArray();
            long all = Arrays.stream(fields).limit(8).sum();
            long idle = fields[3] + fields[4]; // idle, iowait
            return new long[] { all - idle, all };
        } catch (IOException | RuntimeException e) {
            return new long[] { 0, 1 };
        }
    }
}
