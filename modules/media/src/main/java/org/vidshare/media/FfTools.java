package org.vidshare.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ffprobe and ffmpeg, when they are on the PATH: they read what the Java reader cannot (MKV, WebM,
 * AVI, MPEG-TS...) and decode what jcodec cannot (HEVC, AV1, VP9). Each runs as a child process
 * with a deadline and a cap on what it prints, so a file that makes them hang or babble costs a
 * process, never this heap.
 */
final class FfTools {
    private static final int MAX_OUTPUT_BYTES = 64 * 1024;

    private final Path ffprobe;
    private final Path ffmpeg;
    private final Duration timeout;

    private FfTools(Path ffprobe, Path ffmpeg, Duration timeout) {
        this.ffprobe = ffprobe;
        this.ffmpeg = ffmpeg;
        this.timeout = timeout;
    }

    /** The tools found on the PATH (either may be missing). */
    static FfTools fromPath(Duration timeout) {
        return new FfTools(onPath("ffprobe").orElse(null), onPath("ffmpeg").orElse(null), timeout);
    }

    static FfTools none() {
        return new FfTools(null, null, Duration.ZERO);
    }

    boolean hasProbe() {
        return ffprobe != null;
    }

    boolean hasEncoder() {
        return ffmpeg != null;
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static final Pattern KEY_VALUE = Pattern.compile("^(\\w+)=(.*)$", Pattern.MULTILINE);

    /** ffprobe's view of the first video and audio stream, or empty. */
    Optional<MediaInfo> probe(Path movie) throws IOException, InterruptedException {
        if (ffprobe == null) {
            return Optional.empty();
        }
        Optional<String> video = run(List.of(ffprobe.toString(), "-v", "error", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height,avg_frame_rate:format=duration",
                "-of", "default=noprint_wrappers=1", movie.toString()));
        if (video.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> audio = run(List.of(ffprobe.toString(), "-v", "error", "-select_streams", "a:0",
                "-show_entries", "stream=codec_name", "-of", "default=noprint_wrappers=1", movie.toString()));
        String codec = null;
        Integer width = null;
        Integer height = null;
        Double fps = null;
        Double duration = null;
        Matcher m = KEY_VALUE.matcher(video.get());
        try {
            while (m.find()) {
                String value = m.group(2).trim();
                switch (m.group(1)) {
                    case "codec_name" -> codec = value.toLowerCase(Locale.ROOT);
                    case "width" -> width = Integer.valueOf(value);
                    case "height" -> height = Integer.valueOf(value);
                    case "avg_frame_rate" -> fps = rate(value);
                    case "duration" -> duration = Double.valueOf(value);
                    default -> { }
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String audioCodec = audio.flatMap(text -> {
            Matcher a = KEY_VALUE.matcher(text);
            return a.find() ? Optional.of(a.group(2).trim().toLowerCase(Locale.ROOT)) : Optional.empty();
        }).orElse(null);
        if (codec == null || width == null || height == null || duration == null || !(duration > 0)
                || width <= 0 || height <= 0 || width > MediaInfo.MAX_DIMENSION || height > MediaInfo.MAX_DIMENSION) {
            return Optional.empty();
        }
        return Optional.of(new MediaInfo(duration, width, height, fps, codec, audioCodec));
    }

    private static Double rate(String fraction) {
        String[] parts = fraction.split("/");
        double value = parts.length == 2 ? Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]) : Double.parseDouble(fraction);
        return Double.isFinite(value) && value > 0 ? Math.round(value * 1000) / 1000.0 : null;
    }

    /** ffmpeg's poster at {@code second}, at most {@code maxWidth} wide, written to {@code jpeg}. */
    boolean poster(Path movie, double second, int maxWidth, Path jpeg) throws IOException, InterruptedException {
        if (ffmpeg == null) {
            return false;
        }
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-v", "error", "-nostdin", "-y",
                "-ss", String.format(Locale.ROOT, "%.3f", second), "-i", movie.toString(), "-frames:v", "1",
                "-vf", "scale='min(" + maxWidth + ",iw)':-2", "-f", "image2", "-c:v", "mjpeg", jpeg.toString()));
        return run(command).isPresent() && Files.isRegularFile(jpeg) && Files.size(jpeg) > 0;
    }

    /** The command's standard output when it exits 0 within the deadline; killed otherwise. */
    private Optional<String> run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        // A tool that hangs without printing would block the read below: the deadline kills it.
        CompletableFuture<Void> killer = CompletableFuture.runAsync(process::destroyForcibly,
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try {
            byte[] output = readCapped(process.getInputStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(new String(output, StandardCharsets.UTF_8));
        } finally {
            killer.cancel(false);
            process.destroyForcibly();
        }
    }

    private byte[] readCapped(InputStream in) throws IOException {
        // A tool that prints forever is cut at the cap (and then killed by the caller).
        byte[] buffer = new byte[MAX_OUTPUT_BYTES];
        int length = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (length < buffer.length && System.nanoTime() < deadline) {
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                break;
            }
            length += read;
        }
        return java.util.Arrays.copyOf(buffer, length);
    }
}
