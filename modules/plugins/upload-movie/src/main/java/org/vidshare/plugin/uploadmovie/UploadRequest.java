package org.vidshare.plugin.uploadmovie;

import java.util.Optional;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.Inputs;
import org.vidshare.core.spi.Request;

/**
 * The validated keys of an {@code upload_movie} request. The codec has already closed the
 * connection for a negative or non-integer {@code file_size}, one over the limit, and an
 * {@code offset} outside 0..file_size; what is left here keeps the connection.
 */
record UploadRequest(String fileName, long fileSize, String fingerprint, boolean free, long offset,
                     Optional<String> sha256) {
    static final int MAX_NAME_BYTES = 255;

    static UploadRequest parse(Request request) throws CommandException {
        String fileName = fileName(request);
        long fileSize = request.requireLong("file_size");
        if (fileSize <= 0) {
            throw Request.invalid("file_size", "必须大于 0", "must be greater than 0");
        }
        String fingerprint = Inputs.hexDigest(request, "file_md5", 32);
        boolean free = request.requireFlag("is_free");
        long offset = request.optLong("offset", 0);
        if (offset < 0 || offset > fileSize) {
            throw Request.invalid("offset", "必须在 0 到 file_size 之间", "must be between 0 and file_size");
        }
        Optional<String> sha256 = request.has("sha256")
                ? Optional.of(Inputs.hexDigest(request, "sha256", 64)) : Optional.empty();
        return new UploadRequest(fileName, fileSize, fingerprint, free, offset, sha256);
    }

    /**
     * A base name only: it is shown to users, never used as a path (storage picks the stored name),
     * but a name with separators or control characters is a client bug or an attack either way.
     */
    static String fileName(Request request) throws CommandException {
        String name = request.requireString("file_name");
        if (name.isBlank()) {
            throw Request.invalid("file_name", "不能为空", "must not be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw Request.invalid("file_name", "不能是 . 或 ..", "must not be . or ..");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw Request.invalid("file_name", "不能包含 / 或 \\", "must not contain / or \\");
        }
        if (Inputs.hasControl(name)) {
            throw Request.invalid("file_name", "不能包含控制字符", "must not contain control characters");
        }
        if (Inputs.utf8Length(name) > MAX_NAME_BYTES) {
            throw Request.invalid("file_name", "不能超过 255 个 UTF-8 字节", "must not exceed 255 UTF-8 bytes");
        }
        return name;
    }
}
