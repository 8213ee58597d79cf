package dev.nexus.platform.cache;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script that Redis runs by its SHA-1 ({@code EVALSHA}: Redis keeps it compiled, and a call
 * does not carry its text); sent whole ({@code EVAL}) only when Redis does not know it, the first
 * time or after a restart or {@code SCRIPT FLUSH}.
 */
public record RedisScript(String text, String sha) {

    public static RedisScript of(String text) {
        try {
            return new RedisScript(text,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the script; {@code args}: the number of keys, the keys, then the other arguments. */
    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> args) {
        return redis.execute("EVALSHA", with(sha, args))
                .onFailure(e -> String.valueOf(e.getMessage()).startsWith("NOSCRIPT"))
                .recoverWithUni(() -> redis.execute("EVAL", with(text, args)));
    }

    private static String[] with(String first, List<String> args) {
        List<String> all = new ArrayList<>(args.size() + 1);
        all.add(first);
        all.addAll(args);
        return all.toArray(String[]::new);
    }
}
