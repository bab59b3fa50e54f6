package org.eventscim.system.faults;

/** Breaks part of the stack and repairs it; returns once the broken part is back (ready). */
@FunctionalInterface
interface Fault {

    void injectAndHeal() throws Exception;
}
