package org.eventscim.command.uniqueness;

/** Claims on group displayNames: unique per tenant, case-insensitive, as Entra ID expects. */
public interface GroupNameClaims extends NameClaims {
}
