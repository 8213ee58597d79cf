package dev.nexus.notes.markdown;

import dev.nexus.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Markdown (CommonMark with the GFM tables, strikethrough and autolink extensions) to HTML that is
 * safe to insert into a page. Two layers: raw HTML in the Markdown is escaped to text by the
 * renderer, and the result passes an allow-list sanitizer, so no script, event handler, style or
 * {@code javascript:} URL survives whatever the renderer does. Fenced code keeps its
 * {@code language-xxx} class for client-side highlighting.
 */
@ApplicationScoped
public class Markdown {

    /**
     * The most HTML a text may render to: five times the longest Markdown taken (100,000 characters).
     * Ordinary Markdown stays well under twice its length, but a few lines can blow up (a table
     * header of many columns pads every following line with that many empty cells); such a text is
     * refused instead of stored and served.
     */
    public static final int MAX_HTML = 500_000;

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(),
            StrikethroughExtension.create(), AutolinkExtension.create());

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
                    "em", "strong", "del", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td")
            .allowAttributes("class").matching(Pattern.compile("language-[A-Za-z0-9_+#.-]{1,40}")).onElements("code")
            .allowAttributes("href", "title").onElements("a")
            .allowAttributes("src", "alt", "title").onElements("img")
            .allowAttributes("align").matching(Pattern.compile("left|center|right")).onElements("th", "td")
            .allowAttributes("start").matching(Pattern.compile("[0-9]{1,9}")).onElements("ol")
            .allowStandardUrlProtocols()
            .requireRelNofollowOnLinks()
            .toFactory();

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();

    /** Sanitized HTML for the Markdown text of {@code field}; a 400 naming it when over {@link #MAX_HTML}. */
    public String html(String markdown, String field) {
        String html = POLICY.sanitize(renderer.render(parser.parse(markdown)));
        if (html.length() > MAX_HTML) {
            throw ProblemException.invalidField(field,
                    "renders to more than " + MAX_HTML + " characters of HTML; shorten it or split it");
        }
        return html;
    }
}
