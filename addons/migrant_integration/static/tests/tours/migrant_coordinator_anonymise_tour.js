/** @odoo-module */

import { registry } from "@web/core/registry";

// A coordinator anonymises a person whose files are closed (the tour starts on her form).
registry.category("web_tour.tours").add("migrant_integration_coordinator_anonymises", {
    steps: () => [
        {
            content: "Anonymise the person",
            trigger: '.o_form_view button[name="action_migrant_anonymize"]',
            run: "click",
        },
        {
            content: "The wizard says how many people",
            trigger: '.modal .o_field_widget[name="partner_count"]:contains("1")',
        },
        {
            content: "Confirm that it cannot be undone",
            trigger: '.modal .o_field_widget[name="confirm"] input',
            run: "click",
        },
        {
            content: "Anonymise",
            trigger: '.modal button[name="action_anonymize"]',
            run: "click",
        },
        {
            content: "The form says the person was anonymised",
            trigger: '.o_form_view .alert-secondary:contains("Anonymised on")',
        },
        {
            content: "Only the anonymous name remains",
            trigger: '.o_form_view .o_field_widget[name="name"]:contains("Anonymised person")',
        },
    ],
});
