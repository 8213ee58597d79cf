package dev.nexus.notifications.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A mail's link opens the web app's page for what the notification is about, not the API. */
class EmailLinksTest {

    @Test
    void every_kind_of_notification_link_leads_to_the_web_apps_page_for_it() {
        assertEquals("/sessions/7", Emails.page("/api/v1/sessions/7"));
        assertEquals("/groups/g", Emails.page("/api/v1/groups/g/members"));
        assertEquals("/notes/n", Emails.page("/api/v1/notes/n"));
        assertEquals("/problems/p", Emails.page("/api/v1/problems/p/solutions"));
        assertEquals("/solutions/s", Emails.page("/api/v1/solutions/s"));
        assertEquals("/groups/g", Emails.page("/api/v1/webhooks?groupId=g"));
    }
}
