/** @odoo-module */

import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/**
 * The check-in screen at the door of a session, for a tablet: today's sessions,
 * the expected attendees with large present/absent buttons and a running count,
 * search by name, phone or document number, and a walk-in form. It shows only the
 * attendee's name and the phone given at registration.
 */
export class WorkshopCheckin extends Component {
    static template = "workshops.Checkin";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.searchId = 0;
        this.state = useState({
            sessions: [],
            session: null,
            attendees: [],
            query: "",
            matches: null,
            walkIn: false,
            form: { name: "", phone: "", document: "", gender: "", birth_year: "" },
        });
        onWillStart(async () => {
            this.state.sessions = await this.orm.call(
                "workshop.session",
                "workshop_checkin_sessions",
                []
            );
            if (this.state.sessions.length === 1) {
                await this.openSession(this.state.sessions[0].id);
            }
        });
    }

    get presentCount() {
        return this.state.attendees.filter((a) => a.state === "present").length;
    }

    get visibleAttendees() {
        if (this.state.matches === null) {
            return this.state.attendees;
        }
        return this.state.attendees.filter((a) => this.state.matches.includes(a.id));
    }

    async openSession(sessionId) {
        const data = await this.orm.call("workshop.session", "workshop_checkin_data", [
            [sessionId],
        ]);
        this.state.session = data.session;
        this.state.attendees = data.attendees;
        this.state.query = "";
        this.state.matches = null;
    }

    async reload() {
        await this.openSession(this.state.session.id);
    }

    async search(ev) {
        // answers may come back out of order while the volunteer types: keep the last
        const searchId = ++this.searchId;
        this.state.query = ev.target.value;
        if (!this.state.query.trim()) {
            this.state.matches = null;
            return;
        }
        const matches = await this.orm.call("workshop.session", "workshop_checkin_search", [
            [this.state.session.id],
            this.state.query,
        ]);
        if (searchId === this.searchId) {
            this.state.matches = matches;
        }
    }

    async mark(attendee, state) {
        const result = await this.orm.call("workshop.attendance", "workshop_mark", [
            [attendee.id],
            state,
        ]);
        attendee.state = result.state;
        if (result.already && state === "present") {
            this.notification.add(_t("%s was already marked present.", attendee.name), {
                type: "info",
            });
        }
    }

    toggleWalkIn() {
        this.state.walkIn = !this.state.walkIn;
    }

    async registerWalkIn(ev) {
        ev.preventDefault();
        const form = this.state.form;
        const result = await this.orm.call("event.registration", "workshop_walk_in", [], {
            session_id: this.state.session.id,
            name: form.name,
            phone: form.phone || false,
            document: form.document || false,
            gender: form.gender || false,
            birth_year: form.birth_year || false,
        });
        this.notification.add(
            result.found
                ? _t("Found: %s. Marked present.", result.name)
                : _t("Not found: %s registered and marked present.", result.name),
            { type: "success" }
        );
        this.state.form = { name: "", phone: "", document: "", gender: "", birth_year: "" };
        this.state.walkIn = false;
        await this.reload();
    }
}

registry.category("actions").add("workshops.checkin", WorkshopCheckin);
