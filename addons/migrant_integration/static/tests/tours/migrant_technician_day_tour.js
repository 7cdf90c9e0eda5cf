/** @odoo-module */

import { registry } from "@web/core/registry";

// A technician's day: a person with a NIE (and the duplicate warning for a second
// record of her), her consent, a case with a goal and an intervention, and a referral
// sent to the Employment Agency with that consent.
registry.category("web_tour.tours").add("migrant_integration_technician_day", {
    url: "/odoo/action-migrant_integration.res_partner_action_beneficiary",
    steps: () => [
        {
            content: "Register a new person",
            trigger: '.o_list_view:has(th[data-name="document_number"]) .o_list_button_add',
            run: "click",
        },
        {
            content: "Her name",
            trigger: '.o_form_view .o_field_widget[name="name"] input',
            run: "edit Yasmin Haddad",
        },
        {
            content: "Her mobile, as she says it",
            trigger: '.o_form_view .o_field_widget[name="mobile"] input',
            run: "edit 612 40 50 60",
        },
        {
            content: "Add her identity document",
            trigger: 'div[name="identity_document_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "The NIE as written on her card",
            trigger: 'div[name="identity_document_ids"] .o_data_row [name="number"] input',
            run: "edit x-0000001-r",
        },
        {
            content: "Save the person",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The NIE is stored checked and without dashes",
            trigger:
                '.o_form_view:has(.o_form_saved) div[name="identity_document_ids"] td:contains("X0000001R")',
        },
        {
            content: "Someone starts a second record of the same person",
            trigger: ".o_form_view .o_form_button_create",
            run: "click",
        },
        {
            content: "An empty record opens",
            trigger: '.o_breadcrumb .o_last_breadcrumb_item:contains("New")',
        },
        {
            content: "A shorter name",
            trigger: '.o_form_view .o_field_widget[name="name"] input',
            run: "edit Yasmin H.",
        },
        {
            content: "The same mobile, written another way",
            trigger: '.o_form_view .o_field_widget[name="mobile"] input',
            run: "edit +34 612 405 060 && click body",
        },
        {
            content: "The form warns that she is already registered",
            trigger: '.o_form_view .alert-warning:contains("Possible duplicate"):contains("Yasmin Haddad")',
        },
        {
            content: "Discard the second record",
            trigger: ".o_form_view .o_form_button_cancel",
            run: "click",
        },
        {
            content: "Back to the list: open her record",
            trigger: '.o_list_view .o_data_row td[name="name"]:contains("Yasmin Haddad")',
            run: "click",
        },
        {
            content: "Open her consents",
            trigger: '.o_notebook .nav-link:contains("Consents")',
            run: "click",
        },
        {
            content: "Record a consent",
            trigger: 'div[name="consent_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "To share her data",
            trigger: '.modal .o_field_widget[name="purpose"] select',
            run: "selectByLabel Sharing data with other entities",
        },
        {
            content: "With public bodies",
            trigger: '.modal .o_field_widget[name="recipient_entity_kinds"] input',
            run: "edit Public",
        },
        {
            content: "Pick the kind",
            trigger: '.o-autocomplete--dropdown-item:contains("Public bodies")',
            run: "click",
        },
        {
            content: "Save the consent",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The consent is listed",
            trigger: 'div[name="consent_ids"] .o_data_row:contains("Sharing data")',
        },
        {
            content: "Save the person",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Open her case files",
            trigger: '.o_form_view:has(.o_form_saved) button[name="action_view_cases"]',
            run: "click",
        },
        {
            content: "Open a case file",
            trigger: ".o_control_panel .o-kanban-button-new, .o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "The case is titled New until saved",
            trigger: '.o_form_view .oe_title [name="name"]:contains("New")',
        },
        {
            content: "It is for her",
            trigger: '.o_form_view .o_field_widget[name="partner_id"] input:value("Yasmin Haddad")',
        },
        {
            content: "Add a goal to the plan",
            trigger: 'div[name="goal_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "The goal",
            trigger: 'div[name="goal_ids"] .o_data_row [name="description"] input',
            run: "edit Register with the city",
        },
        {
            content: "Save the case",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The case has its reference",
            trigger: '.o_form_view:has(.o_form_saved) .oe_title [name="name"]:contains("EXP/")',
        },
        {
            content: "Open the interventions",
            trigger: '.o_notebook .nav-link:contains("Interventions")',
            run: "click",
        },
        {
            content: "Record an intervention",
            trigger: 'div[name="intervention_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "Its area",
            trigger: '.modal .o_field_widget[name="area_id"] input',
            run: "edit Social",
        },
        {
            content: "Pick the area",
            trigger: '.o-autocomplete--dropdown-item:contains("Social")',
            run: "click",
        },
        {
            content: "What was done, in one line",
            trigger: '.modal .o_field_widget[name="summary"] input',
            run: "edit First interview at the desk",
        },
        {
            content: "Save the intervention",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The intervention is listed",
            trigger: 'div[name="intervention_ids"] .o_data_row:contains("First interview")',
        },
        {
            content: "Save the case",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Open the referrals of the case",
            trigger: '.o_form_view:has(.o_form_saved) button[name="action_view_referrals"]',
            run: "click",
        },
        {
            content: "New referral",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "To the Employment Agency",
            trigger: '.o_form_view .o_field_widget[name="entity_id"] input',
            run: "edit Agencia",
        },
        {
            content: "Pick the agency",
            trigger: '.o-autocomplete--dropdown-item:contains("Agencia para el Empleo")',
            run: "click",
        },
        {
            content: "The service",
            trigger: '.o_form_view .o_field_widget[name="service"] input',
            run: "edit Job guidance",
        },
        {
            content: "Save the referral",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Send it: her consent covers public bodies",
            trigger: '.o_form_view:has(.o_form_saved) button[name="action_send"]',
            run: "click",
        },
        {
            content: "The referral is sent with the consent recorded",
            trigger:
                '.o_form_view .o_statusbar_status .o_arrow_button_current:contains("Sent")',
        },
        {
            content: "The consent used is named, not numbered",
            trigger: '.o_form_view .o_field_widget[name="consent_id"]:contains("Yasmin Haddad")',
        },
    ],
});
