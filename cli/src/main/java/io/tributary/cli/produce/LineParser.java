package io.tributary.cli.produce;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Reads one input line as a record, as {@code kafka-console-producer} does with {@code parse.key} and
 * {@code parse.headers}: {@code [HEADERS<headersDelimiter>][KEY<keySeparator>]VALUE}, where HEADERS is
 * {@code k1:v1,k2:v2}. Without a key separator the whole line (after headers) is the value and the key
 * is null. Headers given once ({@code --header}) are added to every record, before the line's own.
 */
public final class LineParser {
    private final String keySeparator;
    private final String headersDelimiter;
    private final String headersSeparator;
    private final String headerKeySeparator;
    private final List<Header> fixedHeaders;

    /**
     * @param keySeparator     null when lines carry no key
     * @param headersDelimiter null when lines carry no headers
     */
    public LineParser(String keySeparator, String headersDelimiter, String headersSeparator, String headerKeySeparator,
            List<String> fixedHeaders) {
        this.keySeparator = emptyAsNull(keySeparator);
        this.headersDelimiter = emptyAsNull(headersDelimiter);
        this.headersSeparator = headersSeparator;
        this.headerKeySeparator = headerKeySeparator;
        List<Header> fixed = new ArrayList<>();
        for (String h : fixedHeaders) {
            fixed.add(header(h, "--header"));
        }
        this.fixedHeaders = List.copyOf(fixed);
    }

    /** A line read as a record; what cannot be read fails with the line's number and why. */
    public record Parsed(byte[] key, byte[] value, List<Header> headers) {
    }

    public Parsed parse(String line, long lineNumber) {
        String rest = line;
        List<Header> headers = new ArrayList<>(fixedHeaders);
        if (headersDelimiter != null) {
            int at = rest.indexOf(headersDelimiter);
            if (at < 0) {
                throw new IllegalArgumentException("line " + lineNumber + " has no headers delimiter '" + printable(headersDelimiter) + "'");
            }
            String part = rest.substring(0, at);
            rest = rest.substring(at + headersDelimiter.length());
            if (!part.isEmpty()) {
                for (String h : part.split(java.util.regex.Pattern.quote(headersSeparator), -1)) {
                    headers.add(header(h, "line " + lineNumber));
                }
            }
        }
        byte[] key = null;
        if (keySeparator != null) {
            int at = rest.indexOf(keySeparator);
            if (at < 0) {
                throw new IllegalArgumentException("line " + lineNumber + " has no key separator '" + printable(keySeparator) + "'");
            }
            key = rest.substring(0, at).getBytes(StandardCharsets.UTF_8);
            rest = rest.substring(at + keySeparator.length());
        }
        return new Parsed(key, rest.getBytes(StandardCharsets.UTF_8), headers);
    }

    private Header header(String text, String where) {
        int at = text.indexOf(headerKeySeparator);
        if (at <= 0) {
            throw new IllegalArgumentException(where + ": a header is KEY" + headerKeySeparator + "VALUE, got '" + text + "'");
        }
        return new RecordHeader(text.substring(0, at), text.substring(at + headerKeySeparator.length()).getBytes(StandardCharsets.UTF_8));
    }

    private static String emptyAsNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String printable(String s) {
        return s.replace("\t", "\\t");
    }
}
