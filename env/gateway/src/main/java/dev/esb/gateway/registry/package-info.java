/**
 * Which functions exist and which worker addresses serve each, as the agent reports them through the control API.
 */
package dev.esb.gateway.registry;
