// Generated from openapi/openapi.yaml by `npm run generate`. Do not edit.
export type paths = {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness probe */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness probe (PostgreSQL and Redis) */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List workspaces */
        get: operations["listWorkspaces"];
        put?: never;
        /** Create a workspace */
        post: operations["createWorkspace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        /** Get a workspace */
        get: operations["getWorkspace"];
        put?: never;
        post?: never;
        /**
         * Delete a workspace and everything in it
         * @description Deletes the workspace with its connections, conversations, drafts, evidence and events. Its live
         *     connections' accounts are unsubscribed at Meta afterwards, as for a disconnect.
         */
        delete: operations["deleteWorkspace"];
        options?: never;
        head?: never;
        /**
         * Update a workspace
         * @description Only the fields given change. `metadata`, when given, replaces the whole metadata object.
         */
        patch: operations["updateWorkspace"];
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/business-context": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        /**
         * Get the business context of a workspace
         * @description A workspace that never had one set answers an empty context with `updated_at` null.
         */
        get: operations["getBusinessContext"];
        /**
         * Replace the business context of a workspace
         * @description Replaces the whole context. Prices are integer amounts in the minor unit of an ISO 4217 currency
         *     (`{ "amount": 25000000, "currency": "IDR" }` is Rp 250.000). Skus must be unique; policies without an
         *     `id` get one. The body may be up to 8 MiB (other operations take 1 MiB by default): a context at
         *     every limit below in Latin-script text, sent as UTF-8 (`\u` escapes of every non-ASCII character,
         *     or a script of 3-byte characters, can take more); a larger body is a 413.
         */
        put: operations["replaceBusinessContext"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/review-rules": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        /**
         * Get the review rules of a workspace
         * @description A workspace that never had rules set answers the defaults (nothing is sent automatically).
         */
        get: operations["getReviewRules"];
        /**
         * Replace the review rules of a workspace
         * @description Replaces all rules; a field left out takes its default.
         */
        put: operations["replaceReviewRules"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/connect-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start connecting WhatsApp or Instagram
         * @description Returns a short-lived, single-use, partner-branded link. Open it (or send it to the business
         *     owner): it runs WhatsApp Embedded Signup or Instagram login and stores the connection.
         */
        post: operations["createConnectSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/connections": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        /**
         * List the connections of a workspace
         * @description Active and past connections, newest first. Tokens are never returned.
         */
        get: operations["listConnections"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/connections/{connection_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The connection id (`con_…`). */
                connection_id: components["parameters"]["ConnectionId"];
            };
            cookie?: never;
        };
        /** Get a connection */
        get: operations["getConnection"];
        put?: never;
        post?: never;
        /**
         * Disconnect
         * @description Deletes the stored token and the number / account references at once; messages stop routing
         *     to this workspace. Within a minute the workers also unsubscribe Laras's app from the WhatsApp
         *     Business Account or Instagram account at Meta, so Meta stops sending its customers' messages
         *     (unless another live connection uses that account; the token is kept, sealed, only until then,
         *     at most 24 hours). Disconnecting a disconnected connection changes nothing.
         */
        delete: operations["disconnectConnection"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        /**
         * List the conversations of a workspace
         * @description WhatsApp chats, Instagram DM threads and Instagram comment threads, latest activity first.
         *     The order moves as conversations get messages: a thread that gets one while you page moves
         *     ahead of the cursor, so a full copy should start again from the first page until a pass
         *     meets nothing newer than the one before (or follow `message.received` events).
         */
        get: operations["listConversations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/conversations/{conversation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The conversation id (`cnv_…`). */
                conversation_id: components["parameters"]["ConversationId"];
            };
            cookie?: never;
        };
        /** Get a conversation */
        get: operations["getConversation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/conversations/{conversation_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The conversation id (`cnv_…`). */
                conversation_id: components["parameters"]["ConversationId"];
            };
            cookie?: never;
        };
        /**
         * List the messages of a conversation
         * @description Newest first; page back with the cursor.
         */
        get: operations["listMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/contacts/{contact_id}/erase": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The contact id (`ctc_…`), as in a conversation's `contact.id`. */
                contact_id: components["parameters"]["ContactId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase a customer's data
         * @description For a customer's request to have their data erased: what they wrote (message text and details),
         *     who they are (name, username, and Meta's id of them, which for WhatsApp is their phone number:
         *     it becomes `erased:` and the contact's id) and the text of every reply drafted or sent to them,
         *     wherever it is in the workspace (also their comments in a comment thread another customer
         *     started; a thread they started keeps others' comments). A draft not sent yet becomes `expired`, so nothing erased
         *     can be sent. The records stay (with their hashes in the evidence chain), so threads and the
         *     chain still add up; a `workspace.data_deleted` event (`reason: erasure_request`) tells the
         *     partner. If the customer writes again, a new contact and conversation begin. Erasing again
         *     erases nothing more. With a portal session, only an owner may erase.
         */
        post: operations["eraseContact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        /**
         * Page through the evidence chain
         * @description The workspace's append-only, hash-linked records in chain order (oldest first): messages
         *     received, delivery statuses, connections, data deletions. Records hold ids and content hashes,
         *     never content. Export every page and check it offline with the SDK's `verifyEvidenceChain`;
         *     given a `length` and `head_hash` published earlier (from `verifyEvidence`), it also catches
         *     records cut off the end or a chain recomputed after an edit.
         */
        get: operations["listEvidence"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/evidence/verify": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        /**
         * Verify the evidence chain
         * @description Recomputes every link and hash from the first record and says where, if anywhere, the chain breaks.
         */
        get: operations["verifyEvidence"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/drafts": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        /**
         * List drafted replies
         * @description Newest first. `state=pending_approval` is the approval queue.
         */
        get: operations["listDrafts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/drafts/{draft_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The draft id (`drf_…`). */
                draft_id: components["parameters"]["DraftId"];
            };
            cookie?: never;
        };
        /** Get a drafted reply */
        get: operations["getDraft"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/drafts/{draft_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The draft id (`drf_…`). */
                draft_id: components["parameters"]["DraftId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a draft (optionally edited)
         * @description Clears a waiting draft to be sent, with `text` if given. Approving an approved draft again
         *     changes nothing and answers it as it is, so a reply is sent once however often it is approved;
         *     again with other `text`, it answers 409 (the edit would be lost). After the 24-hour window
         *     has closed the draft becomes `expired` and this answers 409.
         */
        post: operations["approveDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/drafts/{draft_id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The draft id (`drf_…`). */
                draft_id: components["parameters"]["DraftId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a draft */
        post: operations["rejectDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/draft-previews": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview a reply
         * @description Drafts a reply to `text` from the workspace's current business context, runs the safety
         *     classifier on it, and decides as the workspace's current review rules would with the
         *     customer-service window open. Nothing is stored and nothing is sent: use it to test a
         *     business context and rules before going live. The preview always drafts with the built-in
         *     offline drafter (no model is called inside a request), so where live replies are drafted by
         *     a configured model its text, and with it the decision, can differ; `draft.provider` says which ran.
         */
        post: operations["createDraftPreview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the partner's API keys
         * @description Secrets are never listed; `prefix` helps recognise a key.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description The response is the only time the secret is shown. Store it safely.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{api_key_id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The API key id (`key_…`). */
                api_key_id: components["parameters"]["ApiKeyId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke an API key
         * @description The key stops working at once. Revoking a revoked key changes nothing.
         */
        post: operations["revokeApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/branding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the partner's branding
         * @description Includes `hostname_verification`: the DNS TXT record that proves control of a portal hostname before it can be added to `portal_hostnames`.
         */
        get: operations["getBranding"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update the partner's branding
         * @description Only the fields given change; `null` clears an optional field. `portal_hostnames` replaces the list. Each hostname added (one not already in this partner's list) must carry this partner's proof of control: a DNS TXT record named `_laras-verify.<hostname>` whose value is `hostname_verification.record_value` (see `GET /v1/branding`). Without it the answer is 400 `hostname_not_verified` with `param` `portal_hostnames[i]`, and a message naming the exact record to create; with a DNS lookup that times out or fails (SERVFAIL, REFUSED, unreachable server) it is 503 `service_unavailable`, to retry later. In both cases nothing of the request is applied. Hostnames already in the list are not checked again. A hostname another partner holds is a 409, unless that partner's own value is no longer among the records at the name (a claim from before proofs were asked for, or a domain that changed hands): then it moves to the partner proving it, and the partner that held it receives `portal_hostname.released`. Names nobody can own on the public internet need no record: `localhost`, `*.localhost`, and `*.test`, `*.example`, `*.invalid`, `example.com`, `example.net`, `example.org` and their subdomains (RFC 2606, RFC 6761).
         */
        patch: operations["updateBranding"];
        trace?: never;
    };
    "/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the partner's webhook endpoints
         * @description Secrets are never listed.
         */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Create a webhook endpoint
         * @description Events of the partner's workspaces are delivered to `url` from now on. The response is the only time the
         *     signing secret is shown (besides rotation). A URL that is not http(s), or whose host is or resolves to a
         *     loopback, private, link-local (e.g. the cloud metadata address), unspecified or multicast address, is
         *     refused with 400 on `url`.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{endpoint_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint id (`whep_…`). */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        /** Get a webhook endpoint */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description Nothing more is delivered to it; its delivery history goes with it.
         */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /**
         * Change a webhook endpoint
         * @description Changes the URL (checked as on creation), the event filter, the description, or enables/disables it.
         *     Enabling a disabled endpoint resumes its pending deliveries.
         */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/v1/webhook-endpoints/{endpoint_id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint id (`whep_…`). */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an endpoint's signing secret
         * @description Answers the new secret, once. For the next 24 hours deliveries carry two signatures in
         *     `webhook-signature` (the new secret's and the old one's, space-separated), so a receiver can switch
         *     secrets without losing a delivery; after that only the new secret signs.
         */
        post: operations["rotateWebhookEndpointSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{endpoint_id}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint id (`whep_…`). */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        /**
         * List an endpoint's delivery attempts
         * @description Every attempt to deliver an event to the endpoint, newest first; `event_id` narrows it to one event.
         */
        get: operations["listWebhookAttempts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{endpoint_id}/recover": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint id (`whep_…`). */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deliver again what failed since a time
         * @description Every delivery to this endpoint that failed (its retries ran out) for an event created at or after
         *     `since` is attempted again now, with a fresh retry schedule. A disabled endpoint is 409: enable it first.
         *     Deliveries of events older than the 90-day retention are gone and not recovered.
         */
        post: operations["recoverWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{endpoint_id}/events/{event_id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint id (`whep_…`). */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
                /** @description The event id (`evt_…`). */
                event_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send one event to an endpoint again
         * @description Attempts the event now with a fresh retry schedule, whatever came of earlier attempts; an event the endpoint
         *     never had (older than the endpoint, or filtered out) is sent to it too. The `webhook-id` stays the event id.
         *     A disabled endpoint is 409: enable it first. Events are kept 90 days after they were handed on; an older
         *     one is 404.
         */
        post: operations["resendWebhookEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-portal-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open the Svix App Portal for the partner
         * @description When events are published through Svix, answers a short-lived link (an hour) to the Svix App Portal for
         *     the partner's own Svix application (created on first use), where the partner manages endpoints, secrets
         *     and delivery logs; embed it in an iframe or open it. The link carries a credential: do not log or share
         *     it. Without Svix configured it answers 409 `conflict`: endpoints are managed through
         *     `/v1/webhook-endpoints` instead.
         */
        post: operations["createWebhookPortalSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/users": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        /** List the portal users of a workspace */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create a portal user
         * @description A person of the client business who signs in to the partner's portal for this workspace.
         *     Without `password`, send them a `set_password` sign-in link. An email can belong to one user per
         *     partner (409 otherwise).
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The user id (`usr_…`). */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /** Get a portal user */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /**
         * Delete a portal user
         * @description The user's sessions end at once and its unused sign-in links stop working.
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{workspace_id}/users/{user_id}/sign-in-links": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The user id (`usr_…`). */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a sign-in link for a portal user
         * @description A single-use link to the portal's `/sign-in?token=…` page (on the partner's first portal hostname
         *     when it has one, else on `PUBLIC_URL`), valid for `SIGN_IN_LINK_TTL_SECONDS`
         *     (default 24 hours). `set_password` links ask for a password first; the default is `set_password`
         *     for a user without a password, else `sign_in`. Send it to the user; it carries a secret.
         */
        post: operations["createSignInLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in to the portal
         * @description Signs a portal user in with email and password. The partner is the one whose `portal_hostnames`
         *     include the request's host (port ignored). Any refusal — unknown portal, unknown email, no password
         *     set, wrong password — is the same `401` with the message "Email or password is incorrect.". After
         *     too many failures for one email or client IP the API answers `429` with `Retry-After`, even for the
         *     right password. Success sets the `laras_session` cookie (HttpOnly, SameSite=Lax, Path=/, Secure when
         *     the API is served over https). `Idempotency-Key` is ignored.
         */
        post: operations["createSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/redeem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with a sign-in link
         * @description Redeems the `token` of a sign-in link once. A `set_password` link needs `password` (400 on
         *     `password` otherwise) and sets it; a `sign_in` link takes no password. An unknown token is 404; a
         *     used or expired one is 400 on `token`; either way nothing changes. Success sets the `laras_session`
         *     cookie like `createSession`. `Idempotency-Key` is ignored.
         */
        post: operations["redeemSignInLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the current portal session
         * @description The signed-in user, the workspace and the CSRF token (so a reloaded page can recover it).
         */
        get: operations["getCurrentSession"];
        put?: never;
        post?: never;
        /**
         * Sign out
         * @description Ends the session (its cookie stops working everywhere) and clears the cookie. Needs `X-CSRF-Token`.
         */
        delete: operations["deleteCurrentSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/branding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the branding of this portal
         * @description The look of the portal served at the request's host (port ignored), for the sign-in page: the
         *     branding of the partner whose `portal_hostnames` include it, else Laras's defaults. No credential.
         */
        get: operations["getPortalBranding"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/console-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in to the partner console
         * @description Opens a console session with one of the partner's API keys, typed once by partner staff. Any refusal
         *     — malformed, unknown or revoked key, or a key typed on a host that another partner's `portal_hostnames`
         *     include — is the same `401` with the message "That API key is not valid.". After too many failures
         *     from one client IP the API answers `429` with `Retry-After`, even for a valid key. Success sets the
         *     `laras_console` cookie (HttpOnly, SameSite=Lax, Path=/, Secure when the API is served over https) and
         *     clears any portal session cookie of this browser (a portal sign-in clears this one), so one browser
         *     acts as one principal. `Idempotency-Key` is ignored.
         */
        post: operations["createConsoleSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/console-sessions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the current console session
         * @description The partner, the key's mode and the CSRF token (so a reloaded page can recover it).
         */
        get: operations["getCurrentConsoleSession"];
        put?: never;
        post?: never;
        /**
         * Sign out of the console
         * @description Ends the console session (its cookie stops working everywhere) and clears the cookie. Needs `X-CSRF-Token`.
         */
        delete: operations["deleteCurrentConsoleSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = {
    event: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A partner event
         * @description What the dispatcher POSTs to each endpoint, with the headers `webhook-id` (the event id), `webhook-timestamp`
         *     (unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, several
         *     space-separated during a secret rotation). Answer 2xx within 15 s; anything else is retried after 5 s, 5 min,
         *     30 min, 2 h, 5 h, 10 h and 10 h.
         */
        post: operations["receivePartnerEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type components = {
    schemas: {
        /**
         * @description A stable, machine-readable error code.
         * @enum {string}
         */
        ErrorCode: "invalid_request" | "malformed_json" | "hostname_not_verified" | "unauthenticated" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "idempotency_key_reused" | "idempotency_key_in_progress" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal_error" | "service_unavailable";
        ValidationIssue: {
            /** @description Where in the input, e.g. `catalog[2].price.currency`, or `limit` for a query parameter. */
            path: string;
            message: string;
        };
        Error: {
            error: {
                code: components["schemas"]["ErrorCode"];
                /** @description A human-readable explanation; do not parse it. */
                message: string;
                /** @description Quote this when contacting support. */
                request_id: string;
                /** @description The first offending field, when the error is about one. */
                param?: string;
                /** @description Every validation problem found. */
                issues?: components["schemas"]["ValidationIssue"][];
            };
        };
        Health: {
            /** @enum {string} */
            status: "ok";
        };
        Readiness: {
            /** @enum {string} */
            status: "ready" | "unavailable";
            checks: {
                /** @enum {string} */
                postgres: "ok" | "failing";
                /** @enum {string} */
                redis: "ok" | "failing";
            };
        };
        /** @description Up to 50 string values of the partner's own; keys up to 40 characters, values up to 500. */
        Metadata: {
            [key: string]: string;
        };
        /**
         * Format: date-time
         * @description An ISO 8601 UTC time.
         */
        Timestamp: string;
        /**
         * @description `owner` may also change the business context and review rules and connect or disconnect channels; `agent` reads everything and approves or rejects drafts.
         * @enum {string}
         */
        UserRole: "owner" | "agent";
        User: {
            /** @description The user id (`usr_…`). */
            id: string;
            workspace_id: string;
            /**
             * Format: email
             * @description Lowercased; unique per partner.
             */
            email: string;
            name: string | null;
            role: components["schemas"]["UserRole"];
            /** @description Whether the user can sign in with a password. */
            has_password: boolean;
            created_at: components["schemas"]["Timestamp"];
            /** Format: date-time */
            last_sign_in_at: string | null;
        };
        UserList: {
            data: components["schemas"]["User"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        CreateUserRequest: {
            /** Format: email */
            email: string;
            name?: string;
            role: components["schemas"]["UserRole"];
            /** @description Optional; without it the user signs in through a `set_password` sign-in link. */
            password?: string;
        };
        /** @enum {string} */
        SignInLinkPurpose: "sign_in" | "set_password";
        CreateSignInLinkRequest: {
            purpose?: components["schemas"]["SignInLinkPurpose"];
        };
        SignInLink: {
            /**
             * Format: uri
             * @description `{portal}/sign-in?token=…`, where `{portal}` is the partner's first portal hostname (with `PUBLIC_URL`'s scheme and port) or else `PUBLIC_URL`. Single use; it carries a secret.
             */
            url: string;
            purpose: components["schemas"]["SignInLinkPurpose"];
            expires_at: components["schemas"]["Timestamp"];
        };
        CreateSessionRequest: {
            email: string;
            password: string;
        };
        RedeemSignInLinkRequest: {
            /** @description The `token` query parameter of the sign-in link. */
            token: string;
            /** @description Required for a `set_password` link; not allowed for a `sign_in` link. */
            password?: string;
        };
        CreateConsoleSessionRequest: {
            /** @description One of the partner's API keys (`lrs_test_…` or `lrs_live_…`). It is not stored. */
            api_key: string;
        };
        ConsoleSession: {
            partner_id: string;
            /** @description The API key the session acts as. */
            api_key_id: string;
            /** @enum {string} */
            mode: "test" | "live";
            /** @description Send it as `X-CSRF-Token` on every request that is not GET or HEAD. */
            csrf_token: string;
            expires_at: components["schemas"]["Timestamp"];
        };
        PortalSession: {
            user: components["schemas"]["User"];
            workspace: {
                id: string;
                name: string;
            };
            /** @description Send it as `X-CSRF-Token` on every request that is not GET or HEAD. */
            csrf_token: string;
            expires_at: components["schemas"]["Timestamp"];
        };
        PortalBranding: {
            display_name: string;
            /** Format: uri */
            logo_url: string | null;
            /** @description The partner's colour, or Laras's default. */
            primary_color: string;
            /** Format: email */
            support_email: string | null;
        };
        Workspace: {
            /**
             * @description The workspace id (`ws_…`).
             * @example ws_01JD5Q4ZB7S0M6G4B6Y7R1T2QX
             */
            id: string;
            /** @description The client business's name. */
            name: string;
            /** @description The partner's own id for this client, unique per partner. */
            external_id: string | null;
            metadata: components["schemas"]["Metadata"];
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        WorkspaceList: {
            data: components["schemas"]["Workspace"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        CreateWorkspaceRequest: {
            name: string;
            /** @description The partner's own id for this client; a second workspace with the same one is a 409. */
            external_id?: string;
            metadata?: components["schemas"]["Metadata"];
        };
        UpdateWorkspaceRequest: {
            name?: string;
            /** @description `null` clears it. */
            external_id?: string | null;
            metadata?: components["schemas"]["Metadata"];
        };
        Money: {
            /** @description Integer amount in the currency's minor unit (cents for USD; IDR also has two). */
            amount: number;
            /** @description An ISO 4217 currency code. */
            currency: string;
        };
        BusinessProfile: {
            name: string;
            description: string;
            /** @description How replies should sound, e.g. "warm and brief". */
            tone: string;
            /** @description BCP 47 language tags the business answers in, first is the default. */
            languages: string[];
        };
        CatalogItem: {
            sku: string;
            name: string;
            description: string;
            price: components["schemas"]["Money"];
            available: boolean;
        };
        CatalogItemInput: {
            sku: string;
            name: string;
            /** @default  */
            description?: string;
            price: components["schemas"]["Money"];
            /** @default true */
            available?: boolean;
        };
        Policy: {
            /** @description Generated (`pol_…`) when not given. */
            id: string;
            topic: string;
            text: string;
        };
        PolicyInput: {
            id?: string;
            topic: string;
            text: string;
        };
        Faq: {
            question: string;
            answer: string;
        };
        BusinessContext: {
            workspace_id: string;
            business: components["schemas"]["BusinessProfile"];
            catalog: components["schemas"]["CatalogItem"][];
            policies: components["schemas"]["Policy"][];
            faqs: components["schemas"]["Faq"][];
            /**
             * Format: date-time
             * @description `null` until a context is first stored.
             */
            updated_at: string | null;
        };
        BusinessContextInput: {
            business: components["schemas"]["BusinessProfile"];
            /** @default [] */
            catalog?: components["schemas"]["CatalogItemInput"][];
            /** @default [] */
            policies?: components["schemas"]["PolicyInput"][];
            /** @default [] */
            faqs?: components["schemas"]["Faq"][];
        };
        AutoSend: {
            whatsapp: boolean;
            instagram_dm: boolean;
            instagram_comment: boolean;
        };
        AutoSendInput: {
            /** @default false */
            whatsapp?: boolean;
            /** @default false */
            instagram_dm?: boolean;
            /** @default false */
            instagram_comment?: boolean;
        };
        ReviewRules: {
            workspace_id: string;
            auto_send: components["schemas"]["AutoSend"];
            always_review_keywords: string[];
            blocked_phrases: string[];
            min_confidence: number;
            /**
             * Format: date-time
             * @description `null` while the defaults apply.
             */
            updated_at: string | null;
        };
        ReviewRulesInput: {
            auto_send?: components["schemas"]["AutoSendInput"];
            /**
             * @description A draft for a message containing any of these (case-insensitive) always waits for a person.
             * @default []
             */
            always_review_keywords?: string[];
            /**
             * @description A draft containing any of these (case-insensitive) never leaves.
             * @default []
             */
            blocked_phrases?: string[];
            /**
             * @description Drafts below this confidence wait for a person.
             * @default 0.7
             */
            min_confidence?: number;
        };
        /** @enum {string} */
        Channel: "whatsapp" | "instagram";
        /**
         * @description `needs_reconnect`: the token stopped working (expired or revoked); connect again.
         * @enum {string}
         */
        ConnectionStatus: "active" | "needs_reconnect" | "disconnected";
        CreateConnectSessionRequest: {
            channel: components["schemas"]["Channel"];
            /**
             * Format: uri
             * @description Where to send the person when the flow ends; `?status=connected|cancelled|failed` is added. Any https
             *     URL, or http on localhost, on this API's host or on one of the partner's `portal_hostnames`.
             */
            return_url?: string;
        };
        ConnectSession: {
            /** @description The connect session id (`cs_…`). */
            id: string;
            workspace_id: string;
            channel: components["schemas"]["Channel"];
            /**
             * Format: uri
             * @description The single-use link. It carries a secret; treat it like a password until it is used or expires.
             */
            url: string;
            expires_at: components["schemas"]["Timestamp"];
            created_at: components["schemas"]["Timestamp"];
        };
        WhatsAppAccount: {
            waba_id: string | null;
            phone_number_id: string | null;
            display_phone_number: string | null;
            verified_name: string | null;
        };
        InstagramAccount: {
            /** @description The Instagram professional account id (`user_id` of `/me`). */
            account_id: string | null;
            username: string | null;
            account_type: string | null;
        };
        Connection: {
            /** @description The connection id (`con_…`). */
            id: string;
            workspace_id: string;
            channel: components["schemas"]["Channel"];
            status: components["schemas"]["ConnectionStatus"];
            /** @description Set for WhatsApp connections; references are null once disconnected. */
            whatsapp: components["schemas"]["WhatsAppAccount"] | null;
            /** @description Set for Instagram connections; references are null once disconnected. */
            instagram: components["schemas"]["InstagramAccount"] | null;
            /** Format: date-time */
            token_expires_at: string | null;
            connected_at: components["schemas"]["Timestamp"];
            /** Format: date-time */
            disconnected_at: string | null;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        ConnectionList: {
            data: components["schemas"]["Connection"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        /**
         * @description Where a conversation happens.
         * @enum {string}
         */
        Surface: "whatsapp" | "instagram_dm" | "instagram_comment";
        /** @enum {string} */
        ConversationStatus: "open" | "closed";
        Contact: {
            /** @description The contact id (`ctc_…`). */
            id: string;
            channel: components["schemas"]["Channel"];
            /** @description Meta's id of the customer (WhatsApp `wa_id`, Instagram-scoped id); `erased:` and the contact's id once Meta asked for the channel's data to be deleted. */
            provider_user_id: string;
            name: string | null;
            username: string | null;
        };
        Conversation: {
            /** @description The conversation id (`cnv_…`). */
            id: string;
            workspace_id: string;
            channel: components["schemas"]["Channel"];
            surface: components["schemas"]["Surface"];
            status: components["schemas"]["ConversationStatus"];
            /** @description A draft reply waits for a person. */
            needs_review: boolean;
            contact: components["schemas"]["Contact"];
            last_message_at: components["schemas"]["Timestamp"];
            /** Format: date-time */
            last_customer_message_at: string | null;
            /**
             * Format: date-time
             * @description When free-form replies stop being allowed (24 hours after the customer's last message); null for comment threads.
             */
            window_closes_at: string | null;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        ContactErasure: {
            contact_id: string;
            /** @description The customer's conversations whose content was erased. */
            conversations: string[];
            messages_erased: number;
            drafts_erased: number;
        };
        ConversationList: {
            data: components["schemas"]["Conversation"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        Message: {
            /** @description The message id (`msg_…`). */
            id: string;
            conversation_id: string;
            channel: components["schemas"]["Channel"];
            /** @enum {string} */
            direction: "inbound" | "outbound";
            /** @description text, image, audio, video, document, sticker, location, contacts, choice, reaction, edit, deletion, comment, unsupported, … */
            type: string;
            /** @description The readable text (body, caption, button title, emoji of a reaction). */
            text: string | null;
            /** @description Type-specific facts, as Meta gave them (media references, location, reply context, choice, …). Media is referenced, never embedded. */
            details: {
                [key: string]: unknown;
            };
            /** @description Meta's id of the message (`wamid.…`, Instagram `mid`, comment id). */
            provider_message_id: string;
            sent_at: components["schemas"]["Timestamp"];
            /**
             * @description Delivery status of an outbound message; null for inbound ones.
             * @enum {string|null}
             */
            status: "pending" | "sent" | "delivered" | "read" | "failed" | null;
            /** Format: date-time */
            status_at: string | null;
            error: {
                [key: string]: unknown;
            } | null;
            created_at: components["schemas"]["Timestamp"];
        };
        MessageList: {
            data: components["schemas"]["Message"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        /**
         * @description One link of the chain. `hash = sha256(prev_hash || JCS(record without prev_hash and hash))`,
         *     hex; JCS is RFC 8785 canonical JSON; the first record's `prev_hash` is 64 zeros.
         */
        EvidenceRecord: {
            seq: number;
            /**
             * @description `draft.superseded`: a newer customer message's draft took the waiting draft's place (`data.superseded_by`).
             * @enum {string}
             */
            type: "message.received" | "message.sent" | "message.delivered" | "message.read" | "message.failed" | "draft.created" | "draft.classified" | "draft.decided" | "draft.approved" | "draft.rejected" | "draft.superseded" | "draft.expired" | "draft.failed" | "connection.connected" | "connection.disconnected" | "workspace.data_deleted";
            workspace_id: string;
            conversation_id: string | null;
            message_id: string | null;
            draft_id: string | null;
            provider_message_id: string | null;
            /** @description sha256 (hex) of the content the record is about; the content itself is never in the chain. */
            content_sha256: string | null;
            /** @description Who caused it (`customer`, `meta`, `workspace`, `auto_rule`, `system` for an expiry or a sweep, a portal user id `usr_…`, or an API key id `key_…`). */
            actor: string;
            data: {
                [key: string]: unknown;
            };
            created_at: components["schemas"]["Timestamp"];
            prev_hash: string;
            hash: string;
        };
        EvidenceList: {
            data: components["schemas"]["EvidenceRecord"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        EvidenceVerification: {
            valid: boolean;
            length: number;
            /** @description The hash of the last record; publish it with `length` to pin the chain's state. */
            head_hash: string | null;
            /** @description The first record whose link or hash does not check out. */
            first_bad_seq: number | null;
        };
        /**
         * @description `pending_approval` waits for a person; `approved` is cleared to send (by a person or the
         *     auto-send rule); `superseded` by a newer customer message; `expired` when the window closed
         *     (or Meta asked for the channel's data to be deleted before it was sent: its text is then empty);
         *     `sending` while the Graph API call is in flight; `sent` once Meta accepted it (`delivery`
         *     says as what); `failed` when Meta refused it or the connection could not send (`delivery.error`).
         * @enum {string}
         */
        DraftState: "pending_approval" | "approved" | "rejected" | "superseded" | "expired" | "sending" | "sent" | "failed";
        Draft: {
            /** @description The draft id (`drf_…`). */
            id: string;
            workspace_id: string;
            conversation_id: string;
            /** @description The customer message this replies to. */
            message_id: string;
            surface: components["schemas"]["Surface"];
            state: components["schemas"]["DraftState"];
            draft: components["schemas"]["DraftContent"];
            verdict: components["schemas"]["Verdict"];
            decision: components["schemas"]["Decision"];
            review: components["schemas"]["DraftReview"];
            delivery: components["schemas"]["DraftDelivery"];
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        DraftReview: {
            /** @description `auto_rule`, a portal user id (`usr_…`) or a partner API key id (`key_…`). */
            reviewed_by: string | null;
            /** Format: date-time */
            reviewed_at: string | null;
            /** @description The approver changed the text. */
            edited: boolean;
            rejection_reason: string | null;
        };
        /** @description How sending this draft went. A send whose outcome is unknown (Meta's answer never came, or the worker stopped between calling Meta and recording it) is never repeated; it fails with `send_outcome_unknown` so a person can check the thread. On WhatsApp the send carries the draft's id, which Meta returns on the message's sent, delivered and read statuses; on Instagram Meta echoes every DM the account sends. If such a status, or an echo of exactly the draft's text to its customer within two minutes of the call (and of no other unrecorded draft with that text), arrives, Meta did send it, and the draft becomes `sent` (with a `message.sent` event after the earlier `message.failed`); a `failed` status naming it fails it again, with Meta's error. */
        DraftDelivery: {
            /** @description Graph API calls made for this draft. */
            attempts: number;
            /** @description The outbound message (`msg_…`) in the conversation, once sent. */
            message_id: string | null;
            /** @description Meta's id of the sent message (WhatsApp `wamid…`, Instagram `mid` or comment id). */
            provider_message_id: string | null;
            /** Format: date-time */
            sent_at: string | null;
            error: null | components["schemas"]["DeliveryError"];
        };
        DeliveryError: {
            /** @description Meta's error code (e.g. `131026`, `100`), or Laras's own (`not_connected`, `send_outcome_unknown`). */
            code: number | string;
            title: string;
        };
        /**
         * @description The text to send (the edit, or the draft's own) is checked before anything changes, and
         *     refused with 400 `invalid_request` on `text` when it is longer than the draft's surface accepts —
         *     WhatsApp 4096 characters, an Instagram direct message 1000 bytes of UTF-8, an Instagram
         *     comment reply 2200 characters — or when it contains one of the workspace's
         *     `blocked_phrases` (case-insensitive, as the safety check matches them); the message names
         *     the limit or the phrase.
         */
        ApproveDraftRequest: {
            /**
             * @description The reply as it should be sent (surrounding whitespace is trimmed); omitted, the draft's
             *     text. Within the draft's surface limit and free of the workspace's blocked phrases.
             */
            text?: string;
        };
        RejectDraftRequest: {
            /**
             * @description Why the draft is not sent (surrounding whitespace is trimmed). Rejecting a rejected draft
             *     again with the same reason changes nothing; with another reason it answers 409 on
             *     `reason` (the stored reason stays).
             */
            reason: string;
        };
        DraftList: {
            data: components["schemas"]["Draft"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        DraftPreviewRequest: {
            /** @description What a customer might write. */
            text: string;
            channel: components["schemas"]["Surface"];
        };
        Citation: {
            /** @enum {string} */
            kind: "catalog" | "policy" | "faq";
            /** @description The catalog sku, the policy id, or the FAQ's position in `faqs`. */
            id: string;
        };
        DraftContent: {
            text: string;
            /** @enum {string} */
            language: "en" | "id";
            /** @enum {string} */
            intent: "greeting" | "price_availability" | "policy" | "order_complaint_refund" | "faq" | "off_topic";
            citations: components["schemas"]["Citation"][];
            confidence: number;
            needs_human: boolean;
            needs_human_reason: string | null;
            /** @enum {string} */
            provider: "builtin" | "openai";
            model: string;
            prompt_version: string;
            timing_ms: number;
        };
        Verdict: {
            pass: boolean;
            score: number;
            reasons: {
                /** @enum {string} */
                code: "empty" | "too_long" | "blocked_phrase" | "price_not_in_catalog" | "unknown_product" | "unknown_citation" | "off_topic" | "contact_not_in_context" | "prompt_injection";
                detail: string;
            }[];
        };
        Decision: {
            /** @enum {string} */
            action: "auto_send" | "hold";
            reasons: {
                /** @enum {string} */
                code: "auto_send_disabled" | "classifier_failed" | "low_confidence" | "always_review_keyword" | "needs_human" | "window_closed";
                detail: string;
            }[];
        };
        DraftPreview: {
            draft: components["schemas"]["DraftContent"];
            verdict: components["schemas"]["Verdict"];
            decision: components["schemas"]["Decision"];
        };
        /**
         * @description The type of a partner event (the event catalog).
         * @enum {string}
         */
        EventType: "workspace.created" | "connection.connected" | "connection.disconnected" | "connection.needs_reconnect" | "message.received" | "draft.created" | "draft.approved" | "draft.rejected" | "message.sent" | "message.delivered" | "message.read" | "message.failed" | "window.expiring" | "workspace.data_deleted" | "webhook_endpoint.disabled" | "portal_hostname.released";
        /**
         * @description Every partner event, as delivered: the envelope `{ id, type, created_at, workspace_id, data }` where `type`
         *     says which `data` it carries. `id` is stable across retries: use it to process each event once
         *     (the built-in dispatcher also sends it as the `webhook-id` header; through Svix, `svix-id` is Svix's
         *     own message id). New event types may be added; ignore types you do not know.
         */
        Event: components["schemas"]["WorkspaceCreatedEvent"] | components["schemas"]["ConnectionConnectedEvent"] | components["schemas"]["ConnectionDisconnectedEvent"] | components["schemas"]["ConnectionNeedsReconnectEvent"] | components["schemas"]["MessageReceivedEvent"] | components["schemas"]["DraftCreatedEvent"] | components["schemas"]["DraftApprovedEvent"] | components["schemas"]["DraftRejectedEvent"] | components["schemas"]["MessageSentEvent"] | components["schemas"]["MessageDeliveredEvent"] | components["schemas"]["MessageReadEvent"] | components["schemas"]["MessageFailedEvent"] | components["schemas"]["WindowExpiringEvent"] | components["schemas"]["WorkspaceDataDeletedEvent"] | components["schemas"]["WebhookEndpointDisabledEvent"] | components["schemas"]["PortalHostnameReleasedEvent"];
        /** @description The event id (`evt_…`), the same on every retry. */
        EventId: string;
        /** @description The workspace the event is about (`ws_…`); null for events about the partner itself. */
        EventWorkspaceId: string | null;
        /** @description A workspace was created (through the API or the console). */
        WorkspaceCreatedEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "workspace.created";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["WorkspaceCreatedEventData"];
        };
        /** @description A WhatsApp number or Instagram account was connected (or connected again). */
        ConnectionConnectedEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "connection.connected";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["ConnectionConnectedEventData"];
        };
        /** @description A connection ended: the owner disconnected it, or Meta told us the business removed the app or asked for its data to be deleted. Its token is gone. */
        ConnectionDisconnectedEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "connection.disconnected";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["ConnectionDisconnectedEventData"];
        };
        /** @description Meta refused the connection's token; nothing is sent on it until the business connects again. */
        ConnectionNeedsReconnectEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "connection.needs_reconnect";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["ConnectionNeedsReconnectEventData"];
        };
        /** @description A customer wrote: a WhatsApp message, an Instagram DM or a comment. */
        MessageReceivedEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "message.received";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["MessageReceivedEventData"];
        };
        /** @description A reply was drafted for a customer message; `decision` says whether it will be sent automatically or waits for a person. */
        DraftCreatedEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "draft.created";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["DraftCreatedEventData"];
        };
        /** @description A person approved a draft (`edited` when they changed it first); it is sent next. */
        DraftApprovedEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "draft.approved";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["DraftApprovedEventData"];
        };
        /** @description A person rejected a draft; nothing is sent. */
        DraftRejectedEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "draft.rejected";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["DraftRejectedEventData"];
        };
        /** @description Meta accepted a reply; `provider_message_id` is its id at Meta. Sent once per message Meta accepted: from the send's own answer, or from the first WhatsApp status naming the draft or Instagram echo of the DM when that comes first, also when the answer was lost (`send_outcome_unknown`, already reported by `message.failed`). A draft Meta sent twice (it answered an attempt with an error, yet sent it, and the retry too) gives a second event for the second message, with `duplicate_of`: the customer received both. */
        MessageSentEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "message.sent";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["MessageSentEventData"];
        };
        /** @description Meta reported a reply delivered to the customer's device. */
        MessageDeliveredEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "message.delivered";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["MessageStatusEventData"];
        };
        /** @description Meta reported a reply read by the customer. */
        MessageReadEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "message.read";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["MessageStatusEventData"];
        };
        /** @description A reply could not be sent or delivered: refused when sending (then `message_id` is null) or reported failed by Meta later. */
        MessageFailedEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "message.failed";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["MessageFailedEventData"];
        };
        /** @description A draft still waits for a person and the 24-hour customer-service window closes within the hour. */
        WindowExpiringEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "window.expiring";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["WindowExpiringEventData"];
        };
        /** @description Customer data was erased: a whole channel's when Meta asked for a business's data to be deleted, or one customer's on request (`eraseContact`). Message content, contact names and ids, and drafts' text were erased (the evidence chain keeps its hashes). */
        WorkspaceDataDeletedEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "workspace.data_deleted";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["WorkspaceDataDeletedEventData"];
        };
        /** @description One of the partner's webhook endpoints failed every delivery for 5 days and was disabled. It is sent to the partner's other endpoints, with `workspace_id` null. */
        WebhookEndpointDisabledEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "webhook_endpoint.disabled";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["WebhookEndpointDisabledEventData"];
        };
        /** @description Another partner proved control of one of this partner's portal hostnames (its DNS TXT record) while this partner's own value was no longer published there, so the hostname moved to that partner: this partner's portal is no longer served at it. Sent with `workspace_id` null. */
        PortalHostnameReleasedEvent: {
            id: components["schemas"]["EventId"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "portal_hostname.released";
            created_at: components["schemas"]["Timestamp"];
            workspace_id: components["schemas"]["EventWorkspaceId"];
            data: components["schemas"]["PortalHostnameReleasedEventData"];
        };
        WorkspaceCreatedEventData: {
            name: string;
            /** @description Your own reference for the workspace, if you set one. */
            external_id: string | null;
        };
        ConnectionConnectedEventData: {
            connection_id: string;
            channel: components["schemas"]["Channel"];
            status: components["schemas"]["ConnectionStatus"];
            whatsapp: components["schemas"]["WhatsAppAccount"] | null;
            instagram: components["schemas"]["InstagramAccount"] | null;
        };
        ConnectionDisconnectedEventData: {
            connection_id: string;
            channel: components["schemas"]["Channel"];
            /**
             * @description `requested` by the owner or partner; Meta's deauthorize or data-deletion callback; or the business removed this app's access to its WhatsApp Business Account in Meta (`account_update` webhook).
             * @enum {string}
             */
            reason: "requested" | "meta_deauthorized" | "meta_data_deletion" | "meta_app_uninstalled";
        };
        ConnectionNeedsReconnectEventData: {
            connection_id: string;
            channel: components["schemas"]["Channel"];
            /** @enum {string} */
            reason: "token_refresh_refused" | "token_refused_on_send";
        };
        MessageReceivedEventData: {
            message_id: string;
            conversation_id: string;
            channel: components["schemas"]["Channel"];
            surface: components["schemas"]["Surface"];
            /** @description The message type, as in `Message.type`. */
            type: string;
        };
        DraftCreatedEventData: {
            draft_id: string;
            conversation_id: string;
            /** @description The customer message the draft answers. */
            message_id: string;
            state: components["schemas"]["DraftState"];
            /** @enum {string} */
            decision: "auto_send" | "hold";
        };
        DraftApprovedEventData: {
            draft_id: string;
            conversation_id: string;
            edited: boolean;
        };
        DraftRejectedEventData: {
            draft_id: string;
            conversation_id: string;
        };
        MessageSentEventData: {
            message_id: string;
            draft_id: string;
            conversation_id: string;
            channel: components["schemas"]["Channel"];
            surface: components["schemas"]["Surface"];
            provider_message_id: string;
            /** @description Present only when Meta sent the draft more than once; the id of its message recorded first (the draft's own). */
            duplicate_of?: string;
        };
        MessageStatusEventData: {
            message_id: string;
            conversation_id: string;
            channel: components["schemas"]["Channel"];
        };
        MessageFailedEventData: {
            /** @description The outbound message, or null when the reply was refused before Meta accepted it. */
            message_id: string | null;
            draft_id: string | null;
            conversation_id: string;
            channel: components["schemas"]["Channel"];
            error: components["schemas"]["DeliveryError"];
        };
        WindowExpiringEventData: {
            draft_id: string;
            conversation_id: string;
            message_id: string;
            window_closes_at: components["schemas"]["Timestamp"];
        };
        WorkspaceDataDeletedEventData: {
            channel: components["schemas"]["Channel"];
            /**
             * @description `meta_data_deletion`: Meta asked, for a whole channel of the workspace; `erasure_request`: one customer's data, erased with `eraseContact` (`contact_id`).
             * @enum {string}
             */
            reason: "meta_data_deletion" | "erasure_request";
            /** @description The customer erased (`erasure_request` only). */
            contact_id?: string;
            messages_erased: number;
            /** @description Drafts of the channel's threads whose text was erased; those still waiting or cleared to send became `expired`. */
            drafts_erased: number;
        };
        PortalHostnameReleasedEventData: {
            /** @description The hostname this partner no longer holds. */
            hostname: string;
            /**
             * @description This partner's `_laras-verify` TXT value was not among the records at the name when another partner proved control.
             * @enum {string}
             */
            reason: "verification_record_missing";
        };
        WebhookEndpointDisabledEventData: {
            endpoint_id: string;
            /** Format: uri */
            url: string;
            failing_since: components["schemas"]["Timestamp"];
            disabled_at: components["schemas"]["Timestamp"];
        };
        WebhookEndpoint: {
            /** @description The endpoint id (`whep_…`). */
            id: string;
            /** Format: uri */
            url: string;
            description: string;
            /** @description The event types delivered to it; null means every type. */
            event_types: components["schemas"]["EventType"][] | null;
            disabled: boolean;
            /** @description Why it is disabled (`manual`, or `failing_for_5_days` when every delivery failed for 5 days). */
            disabled_reason: string | null;
            /**
             * Format: date-time
             * @description When its current run of failed attempts began; null while deliveries succeed.
             */
            failing_since: string | null;
            /**
             * Format: date-time
             * @description After a rotation, until when the previous secret still signs alongside the new one.
             */
            previous_secret_expires_at: string | null;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        /** @description An endpoint as created or rotated, the only time its signing secret is shown. */
        WebhookEndpointWithSecret: {
            /** @description The endpoint id (`whep_…`). */
            id: string;
            /** Format: uri */
            url: string;
            description: string;
            /** @description The event types delivered to it; null means every type. */
            event_types: components["schemas"]["EventType"][] | null;
            disabled: boolean;
            /** @description Why it is disabled (`manual`, or `failing_for_5_days` when every delivery failed for 5 days). */
            disabled_reason: string | null;
            /**
             * Format: date-time
             * @description When its current run of failed attempts began; null while deliveries succeed.
             */
            failing_since: string | null;
            /**
             * Format: date-time
             * @description After a rotation, until when the previous secret still signs alongside the new one.
             */
            previous_secret_expires_at: string | null;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
            /** @description The signing secret, `whsec_` and base64 of 24–32 random bytes. */
            secret: string;
        };
        WebhookPortalSession: {
            /**
             * Format: uri
             * @description The App Portal link for the partner's Svix application (its credential is in the fragment).
             */
            url: string;
            /**
             * Format: date-time
             * @description When the link stops working.
             */
            expires_at: string;
        };
        WebhookEndpointList: {
            data: components["schemas"]["WebhookEndpoint"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        CreateWebhookEndpointRequest: {
            /**
             * Format: uri
             * @description An http(s) URL on the public internet.
             */
            url: string;
            /** @description Deliver only these types; omit it for every type. */
            event_types?: components["schemas"]["EventType"][];
            description?: string;
        };
        UpdateWebhookEndpointRequest: {
            /** Format: uri */
            url?: string;
            /** @description Deliver only these types; null for every type. */
            event_types?: components["schemas"]["EventType"][] | null;
            description?: string;
            disabled?: boolean;
        };
        WebhookAttempt: {
            /** @description The attempt id (`wha_…`). */
            id: string;
            event_id: string;
            event_type: components["schemas"]["EventType"];
            /** @description Only a 2xx answer counts; redirects are not followed and count as failures. */
            succeeded: boolean;
            /** @description The endpoint's HTTP status; null when no answer came (timeout, refused, blocked address). */
            status_code: number | null;
            latency_ms: number;
            /** @description The start of the response body (at most 1 KiB). */
            response_excerpt: string | null;
            /** @description Why the attempt failed when there was no answer, e.g. `timeout` or `blocked_address`. */
            error: string | null;
            attempted_at: components["schemas"]["Timestamp"];
            /**
             * Format: date-time
             * @description When the event is tried again after this failure; null when it succeeded or retries ran out.
             */
            next_attempt_at: string | null;
        };
        RecoverWebhookEndpointRequest: {
            /**
             * Format: date-time
             * @description Recover failed deliveries of events created at or after this time.
             */
            since: string;
        };
        WebhookRequeue: {
            /** @description How many deliveries will be attempted again (within about a second). */
            requeued: number;
        };
        WebhookAttemptList: {
            data: components["schemas"]["WebhookAttempt"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        /** @enum {string} */
        ApiKeyMode: "test" | "live";
        ApiKey: {
            /** @description The key id (`key_…`); not the secret. */
            id: string;
            name: string;
            mode: components["schemas"]["ApiKeyMode"];
            /** @description The first characters of the secret, to recognise it. */
            prefix: string;
            created_at: components["schemas"]["Timestamp"];
            /** Format: date-time */
            last_used_at: string | null;
            /** Format: date-time */
            revoked_at: string | null;
        };
        /** @description An API key as created, the only time its secret is shown. */
        ApiKeyWithSecret: {
            id: string;
            name: string;
            mode: components["schemas"]["ApiKeyMode"];
            prefix: string;
            created_at: components["schemas"]["Timestamp"];
            /** Format: date-time */
            last_used_at: string | null;
            /** Format: date-time */
            revoked_at: string | null;
            /** @description The full key. Shown only in this response. */
            secret: string;
        };
        ApiKeyList: {
            data: components["schemas"]["ApiKey"][];
            has_more: boolean;
            next_cursor: string | null;
        };
        CreateApiKeyRequest: {
            name: string;
            mode?: components["schemas"]["ApiKeyMode"];
        };
        Branding: {
            /** @description The name the partner's clients see; the partner's name until set. */
            display_name: string;
            /** Format: uri */
            logo_url: string | null;
            /** @description Lowercase hex colour, e.g. `#0a7cff`. */
            primary_color: string | null;
            /** Format: email */
            support_email: string | null;
            portal_hostnames: string[];
            hostname_verification: components["schemas"]["HostnameVerification"];
        };
        /** @description How to prove control of a portal hostname before adding it: create a DNS record of this type, name and value at the hostname's DNS provider. The value is this partner's own and does not change; another partner's value never verifies a hostname for you. */
        HostnameVerification: {
            /** @enum {string} */
            record_type: "TXT";
            /**
             * @description The record's name, with `{hostname}` replaced by the portal hostname: for `help.agency.com`, `_laras-verify.help.agency.com`.
             * @example _laras-verify.{hostname}
             */
            record_name: string;
            /**
             * @description The record's value, exactly.
             * @example laras-site-verification=3f9c1e0b7a6d4c2e8f5a9b1c0d2e4f6a
             */
            record_value: string;
        };
        UpdateBrandingRequest: {
            display_name?: string;
            /**
             * Format: uri
             * @description An https URL of the logo image.
             */
            logo_url?: string | null;
            primary_color?: string | null;
            /** Format: email */
            support_email?: string | null;
            /** @description Hostnames that serve this partner's portal; each belongs to one partner only (409 otherwise). The platform's own hostname is never a partner's (400). Each hostname added needs the DNS TXT record of `hostname_verification` (400 `hostname_not_verified` otherwise). */
            portal_hostnames?: string[];
        };
    };
    responses: {
        /** @description The request is malformed or invalid (`invalid_request`, `malformed_json`), or a portal hostname added lacks its DNS proof of control (`hostname_not_verified`). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No valid API key or portal session (`unauthenticated`). */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The session may not do this: its role is `agent`, or the CSRF token or Origin check of a portal or console session failed (`forbidden`). */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such resource for this partner (`not_found`). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A uniqueness or idempotency conflict (`conflict`, `idempotency_key_reused`, `idempotency_key_in_progress`). */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body is larger than the limit (`payload_too_large`). */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body is not JSON, or is compressed (a `Content-Encoding` other than identity) (`unsupported_media_type`). */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Too many requests for this key (`rate_limited`). */
        RateLimited: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A service we depend on (the database, or e.g. Svix, or DNS when verifying a portal hostname) did not answer, or the request met another at the same moment and nothing of it was written; try again (`service_unavailable`). */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Something failed on our side (`internal_error`). */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /** @description The user id (`usr_…`). */
        UserId: string;
        /** @description The workspace id (`ws_…`). */
        WorkspaceId: string;
        /** @description The connection id (`con_…`). */
        ConnectionId: string;
        /** @description The contact id (`ctc_…`), as in a conversation's `contact.id`. */
        ContactId: string;
        /** @description The conversation id (`cnv_…`). */
        ConversationId: string;
        /** @description The draft id (`drf_…`). */
        DraftId: string;
        /** @description The API key id (`key_…`). */
        ApiKeyId: string;
        /** @description The webhook endpoint id (`whep_…`). */
        WebhookEndpointId: string;
        /** @description Page size. */
        Limit: number;
        /** @description The `next_cursor` of the previous page. */
        Cursor: string;
        /** @description A unique key (up to 255 printable characters) that makes retries of this request safe for 24 hours. */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: {
        /** @description `laras_console=…; Path=/; Max-Age=…; HttpOnly; SameSite=Lax` (plus `Secure` over https); `Max-Age=0` clears it. */
        SetConsoleCookie: string;
        /** @description `laras_session=…; Path=/; Max-Age=…; HttpOnly; SameSite=Lax` (plus `Secure` over https); `Max-Age=0` clears it. */
        SetSessionCookie: string;
        /** @description Seconds to wait before retrying. */
        RetryAfter: number;
    };
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description PostgreSQL and Redis answer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description A dependency does not answer. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    listWorkspaces: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only the workspace with this partner-side client id. */
                external_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of workspaces, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createWorkspace: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (up to 255 printable characters) that makes retries of this request safe for 24 hours. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWorkspaceRequest"];
            };
        };
        responses: {
            /** @description The new workspace. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workspace. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWorkspaceRequest"];
            };
        };
        responses: {
            /** @description The updated workspace. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getBusinessContext: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The business context. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BusinessContext"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    replaceBusinessContext: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BusinessContextInput"];
            };
        };
        responses: {
            /** @description The stored business context. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BusinessContext"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getReviewRules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The review rules. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewRules"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    replaceReviewRules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewRulesInput"];
            };
        };
        responses: {
            /** @description The stored review rules. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewRules"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createConnectSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (up to 255 printable characters) that makes retries of this request safe for 24 hours. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateConnectSessionRequest"];
            };
        };
        responses: {
            /** @description The connect session and its link. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listConnections: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only connections in this state. */
                status?: components["schemas"]["ConnectionStatus"];
            };
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of connections. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The connection id (`con_…`). */
                connection_id: components["parameters"]["ConnectionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connection. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connection"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    disconnectConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The connection id (`con_…`). */
                connection_id: components["parameters"]["ConnectionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The disconnected connection. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connection"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listConversations: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only this channel. */
                channel?: components["schemas"]["Channel"];
                /** @description Only this surface (a WhatsApp chat, an Instagram DM thread or comment thread). */
                surface?: components["schemas"]["Surface"];
                /** @description Only open or only closed conversations. */
                status?: components["schemas"]["ConversationStatus"];
                /** @description Only conversations that do (`true`) or do not (`false`) wait for a person. */
                needs_review?: "true" | "false";
            };
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of conversations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The conversation id (`cnv_…`). */
                conversation_id: components["parameters"]["ConversationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The conversation, with its customer and customer-service window. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Conversation"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listMessages: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: number;
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The conversation id (`cnv_…`). */
                conversation_id: components["parameters"]["ConversationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of messages. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    eraseContact: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (up to 255 printable characters) that makes retries of this request safe for 24 hours. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The contact id (`ctc_…`), as in a conversation's `contact.id`. */
                contact_id: components["parameters"]["ContactId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What was erased. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactErasure"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listEvidence: {
        parameters: {
            query?: {
                /** @description Page size; larger than other lists' so an export takes fewer pages. */
                limit?: number;
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only records about this conversation. */
                conversation_id?: string;
                /** @description Only records about this message. */
                message_id?: string;
            };
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvidenceList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    verifyEvidence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The verification. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvidenceVerification"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listDrafts: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
                state?: components["schemas"]["DraftState"];
                conversation_id?: string;
            };
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of drafts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDraft: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The draft id (`drf_…`). */
                draft_id: components["parameters"]["DraftId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The draft, with its verdict and decision. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Draft"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    approveDraft: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (up to 255 printable characters) that makes retries of this request safe for 24 hours. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The draft id (`drf_…`). */
                draft_id: components["parameters"]["DraftId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveDraftRequest"];
            };
        };
        responses: {
            /** @description The approved draft. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Draft"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    rejectDraft: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (up to 255 printable characters) that makes retries of this request safe for 24 hours. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The draft id (`drf_…`). */
                draft_id: components["parameters"]["DraftId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectDraftRequest"];
            };
        };
        responses: {
            /** @description The rejected draft. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Draft"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createDraftPreview: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (up to 255 printable characters) that makes retries of this request safe for 24 hours. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DraftPreviewRequest"];
            };
        };
        responses: {
            /** @description The draft, its verdict and the decision. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftPreview"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of API keys, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (up to 255 printable characters) that makes retries of this request safe for 24 hours. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyRequest"];
            };
        };
        responses: {
            /** @description The new key, with its secret. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (up to 255 printable characters) that makes retries of this request safe for 24 hours. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The API key id (`key_…`). */
                api_key_id: components["parameters"]["ApiKeyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getBranding: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The branding. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Branding"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateBranding: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateBrandingRequest"];
            };
        };
        responses: {
            /** @description The updated branding. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Branding"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of endpoints, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (up to 255 printable characters) that makes retries of this request safe for 24 hours. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookEndpointRequest"];
            };
        };
        responses: {
            /** @description The new endpoint, with its signing secret. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint id (`whep_…`). */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint id (`whep_…`). */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook endpoint id (`whep_…`). */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookEndpointRequest"];
            };
        };
        responses: {
            /** @description The changed endpoint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    rotateWebhookEndpointSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (up to 255 printable characters) that makes retries of this request safe for 24 hours. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The webhook endpoint id (`whep_…`). */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint with its new secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhookAttempts: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only the attempts of this event (`evt_…`). */
                event_id?: string;
            };
            header?: never;
            path: {
                /** @description The webhook endpoint id (`whep_…`). */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of attempts, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookAttemptList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    recoverWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (up to 255 printable characters) that makes retries of this request safe for 24 hours. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The webhook endpoint id (`whep_…`). */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecoverWebhookEndpointRequest"];
            };
        };
        responses: {
            /** @description The deliveries queued again. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookRequeue"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    resendWebhookEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (up to 255 printable characters) that makes retries of this request safe for 24 hours. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The webhook endpoint id (`whep_…`). */
                endpoint_id: components["parameters"]["WebhookEndpointId"];
                /** @description The event id (`evt_…`). */
                event_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookRequeue"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createWebhookPortalSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A link to the App Portal and when it stops working. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPortalSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of users, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (up to 255 printable characters) that makes retries of this request safe for 24 hours. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserRequest"];
            };
        };
        responses: {
            /** @description The new user. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The user id (`usr_…`). */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The user id (`usr_…`). */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createSignInLink: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (up to 255 printable characters) that makes retries of this request safe for 24 hours. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The workspace id (`ws_…`). */
                workspace_id: components["parameters"]["WorkspaceId"];
                /** @description The user id (`usr_…`). */
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSignInLinkRequest"];
            };
        };
        responses: {
            /** @description The link. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInLink"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSessionRequest"];
            };
        };
        responses: {
            /** @description Signed in; the session cookie is set. */
            201: {
                headers: {
                    "Set-Cookie": components["headers"]["SetSessionCookie"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    redeemSignInLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RedeemSignInLinkRequest"];
            };
        };
        responses: {
            /** @description Signed in; the session cookie is set. */
            201: {
                headers: {
                    "Set-Cookie": components["headers"]["SetSessionCookie"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getCurrentSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalSession"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteCurrentSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out; the cookie is cleared. */
            204: {
                headers: {
                    "Set-Cookie": components["headers"]["SetSessionCookie"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPortalBranding: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The branding. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalBranding"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createConsoleSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateConsoleSessionRequest"];
            };
        };
        responses: {
            /** @description Signed in; the console cookie is set. */
            201: {
                headers: {
                    "Set-Cookie": components["headers"]["SetConsoleCookie"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getCurrentConsoleSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The console session. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleSession"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteCurrentConsoleSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out; the cookie is cleared. */
            204: {
                headers: {
                    "Set-Cookie": components["headers"]["SetConsoleCookie"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    receivePartnerEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Event"];
            };
        };
        responses: {
            /** @description Received (any 2xx). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
