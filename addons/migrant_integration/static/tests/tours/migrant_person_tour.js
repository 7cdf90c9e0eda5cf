/** @odoo-module */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A technician registers a person from the People list of the app.
registry.category("web_tour.tours").add("migrant_integration_register_person", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Migrant Integration app",
            trigger: '.o_app[data-menu-xmlid="migrant_integration.menu_root"]',
            run: "click",
        },
        {
            content: "Open the Case Files menu",
            trigger:
                '.o_main_navbar button[data-menu-xmlid="migrant_integration.menu_case_files"]',
            run: "click",
        },
        {
            content: "Go to People",
            trigger:
                '.dropdown-item[data-menu-xmlid="migrant_integration.res_partner_menu_beneficiary"]',
            run: "click",
        },
        {
            content: "Create a person from the People list",
            trigger: '.o_list_view:has(th[data-name="document_number"]) .o_list_button_add',
            run: "click",
        },
        {
            content: "Type the person's name",
            trigger:
                '.o_form_view:has([name="identity_document_ids"]) .o_field_widget[name="name"] input',
            run: "edit Amina Diallo Tour",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The saved person's name is the title of the form",
            trigger:
                '.o_form_view:has(.o_form_saved) .o_last_breadcrumb_item:contains("Amina Diallo Tour")',
        },
    ],
});
