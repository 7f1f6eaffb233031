package io.livetasks.task.api;

import io.livetasks.task.Precondition;
import io.livetasks.web.InvalidHeaderException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code If-Match} request header (RFC 9110, section 13.1.1) as a {@link Precondition}: absent or
 * {@code *} → {@link Precondition#NONE} (the task must exist, as always); one or more entity tags, in one
 * header or several, comma-separated → the task's row version must equal one of them. If-Match compares
 * strongly: a weak tag ({@code W/"…"}) is well-formed but never matches. Anything else is a 400.
 */
final class IfMatch {

    /** Entity tags accepted in one request: more is no client of ours, and each costs a statement. */
    static final int MAX_TAGS = 32;

    private IfMatch() {
    }

    /** @param headers every {@code If-Match} header line of the request; {@code null} or empty when none */
    static Precondition parse(List<String> headers) {
        if (headers == null || headers.isEmpty()) {
            return Precondition.NONE;
        }
        String value = String.join(",", headers).strip();
        if (value.equals("*")) {
            return Precondition.NONE;
        }
        Set<String> strong = new LinkedHashSet<>();
        int tags = 0;
        int i = 0;
        int n = value.length();
        while (true) {
            i = skipWhitespace(value, i);
            if (i >= n) {
                break;
            }
            if (value.charAt(i) == ',') {
                i++;
                continue;
            }
            boolean weak = value.startsWith("W/", i);
            if (weak) {
                i += 2;
            }
            if (i >= n || value.charAt(i) != '"') {
                throw malformed();
            }
            int end = i + 1;
            while (end < n && value.charAt(end) != '"') {
                if (!isEtagChar(value.charAt(end))) {
                    throw malformed();
                }
                end++;
            }
            if (end >= n) {
                throw malformed();
            }
            if (!weak) {
                strong.add(value.substring(i + 1, end));
            }
            if (++tags > MAX_TAGS) {
                throw new InvalidHeaderException("If-Match may name at most " + MAX_TAGS + " entity tags");
            }
            i = skipWhitespace(value, end + 1);
            if (i < n && value.charAt(i) != ',') {
                throw malformed();
            }
        }
        if (tags == 0) {
            throw malformed();
        }
        return Precondition.oneOf(strong);
    }

    private static int skipWhitespace(String value, int from) {
        int i = from;
        while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** etagc = %x21 / %x23-7E / obs-text (%x80-FF). */
    private static boolean isEtagChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7e) || (c >= 0x80 && c <= 0xff);
    }

    private static InvalidHeaderException malformed() {
        return new InvalidHeaderException(
                "If-Match must be * or a list of quoted entity tags, e.g. If-Match: \"<the task's rowVersion>\"");
    }
}
