/** @odoo-module */

import { registry } from "@web/core/registry";

// A volunteer at the door: finds an attendee by phone, marks her present, registers
// a walk-in (the test makes today's session with its registrations).
registry.category("web_tour.tours").add("workshops_volunteer_checkin", {
    steps: () => [
        {
            content: "The session of today is open with its attendees",
            trigger: ".o_workshops_checkin .o_checkin_attendee",
        },
        {
            content: "Search the attendee by the phone she gives",
            trigger: ".o_checkin_search",
            run: "edit 600 11 22 33",
        },
        {
            content: "Amina is listed, Bilal is not",
            trigger: ".o_workshops_checkin:not(:has(.o_checkin_attendee:contains('Bilal Tour'))) .o_checkin_attendee:contains('Amina Tour')",
        },
        {
            content: "Mark her present",
            trigger: ".o_checkin_attendee:contains('Amina Tour') .o_checkin_present",
            run: "click",
        },
        {
            content: "The count says one present",
            trigger: ".o_checkin_count:contains('1 /')",
        },
        {
            content: "Open the walk-in form",
            trigger: ".o_checkin_walk_in",
            run: "click",
        },
        {
            content: "Name of the walk-in",
            trigger: ".o_checkin_walk_in_form input[name='name']",
            run: "edit Yusuf Walkin",
        },
        {
            content: "Phone of the walk-in",
            trigger: ".o_checkin_walk_in_form input[name='phone']",
            run: "edit 699 88 77 66",
        },
        {
            content: "Register and mark present",
            trigger: ".o_checkin_walk_in_save",
            run: "click",
        },
        {
            content: "The walk-in is on the list, present",
            trigger: ".o_checkin_attendee[data-state='present']:contains('Yusuf Walkin')",
        },
        {
            content: "Two present now",
            trigger: ".o_checkin_count:contains('2 /')",
        },
    ],
});
