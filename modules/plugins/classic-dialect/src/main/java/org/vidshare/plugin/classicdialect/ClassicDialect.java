package org.vidshare.plugin.classicdialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Json;
import org.vidshare.core.protocol.Language;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Dialect;
import org.vidshare.core.spi.Paging;

/**
 * The classic dialect (docs/protocol.md, Classic dialect): the 2018 course clients, which never say hello.
 * One adapter in front of the v1 handlers: it renames the classic request types and keys, and
 * reshapes the replies into the forms those clients parse. No handler knows it exists.
 */
public final class ClassicDialect implements Dialect {
    private static final Map<String, String> TYPES = Map.of(
            "upload", "upload_movie",
            "buy_member", "buy_vip");

    /** The classic clients cannot page: their lists are the newest 1,000 rows (PROTOCOL.md section 7). */
    private static final Paging.Rules CLASSIC_PAGES = new Paging.Rules(1000, 1000);

    @Override
    public Paging.Rules pageRules() {
        return CLASSIC_PAGES;
    }

    @Override
    public String commandType(String type) {
        return TYPES.getOrDefault(type, type);
    }

    @Override
    public ObjectNode request(ObjectNode classic) {
        ObjectNode json = classic.deepCopy();
        String type = commandType(json.path("type").asText());
        json.put("type", type);
        switch (type) {
            case "release_notice" -> {
                rename(json, "notice_name", "title");
                rename(json, "notice_content", "content");
            }
            case "delete_movie" -> rename(json, "movie_id", "delete_movie_id");
            case "get_movie_list" -> {
                String movieType = json.path("movie_type").asText("all");
                json.put("movie_type", "all".equals(movieType) || "free".equals(movieType) ? movieType : "charge");
            }
            default -> {
                // The other commands take their classic requests as they are; extra keys are ignored.
            }
        }
        return json;
    }

    @Override
    public Map<String, Object> reply(String type, Map<String, Object> v1, Language language) {
        return asMap(reshape(type, Json.mapper().valueToTree(v1), language));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(ObjectNode body) {
        return Json.mapper().convertValue(body, LinkedHashMap.class);
    }

    private static ObjectNode reshape(String type, ObjectNode body, Language language) {
        boolean ok = body.path("flag").asBoolean(false);
        switch (type) {
            case "get_movie_list" -> {
                if (ok) {
                    ArrayNode rows = Json.mapper().createArrayNode();
                    for (JsonNode movie : body.path("movie_list")) {
                        rows.addArray().add(movie.path("name").asText())
                                .add(movie.path("is_free").asInt() == 1 ? "免费" : "收费")
                                .add(movie.path("id").asLong());
                    }
                    if (rows.isEmpty()) {
                        return empty(Text.of("暂无影片", "No movies"), language);
                    }
                    body.set("movie_list", rows);
                }
            }
            case "login" -> {
                if (ok && "user".equals(body.path("user_type").asText())) {
                    JsonNode notice = body.path("last_notice");
                    if (notice.isObject()) {
                        ArrayNode list = Json.mapper().createArrayNode();
                        list.addObject().put(notice.path("title").asText(), notice.path("content").asText());
                        body.set("last_notice", list);
                    } else {
                        body.put("last_notice", false);
                    }
                }
            }
            case "download_movie" -> {
                if (ok) {
                    body.put("filename", body.path("file_name").asText());
                    body.put("filesize", body.path("file_size").asLong() - body.path("offset").asLong());
                }
            }
            case "check_notice" -> {
                if (ok) {
                    ArrayNode list = Json.mapper().createArrayNode();
                    for (JsonNode notice : body.path("notice_list")) {
                        list.addObject().put(notice.path("title").asText(), notice.path("content").asText());
                    }
                    if (list.isEmpty()) {
                        return empty(Text.of("暂无公告", "No notices"), language);
                    }
                    body.set("notice_list", list);
                }
            }
            case "check_download_record" -> {
                if (ok) {
                    ArrayNode names = Json.mapper().createArrayNode();
                    for (JsonNode record : body.path("record_list")) {
                        names.add(record.path("movie_name").asText());
                    }
                    if (names.isEmpty()) {
                        return empty(Text.of("暂无观影记录", "No download records"), language);
                    }
                    body.set("download_list", names);
                }
            }
            case "check_movie" -> {
                if (!ok && ErrorCode.CONFLICT.wire().equals(body.path("code").asText())) {
                    body.put("msg", Text.of("该电影已经存在", "The movie already exists").in(language));
                }
            }
            default -> {
                // Other replies keep their v1 form, which the classic clients read by flag and msg.
            }
        }
        return body;
    }

    private static ObjectNode empty(Text text, Language language) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("flag", false);
        body.put("code", ErrorCode.NOT_FOUND.wire());
        body.put("msg", text.in(language));
        return body;
    }

    private static void rename(ObjectNode json, String from, String to) {
        if (json.has(from) && !json.has(to)) {
            json.set(to, json.remove(from));
        }
    }
}
