/**
 * The data path: one listener per route, and one {@link dev.esb.proxy.route.Flow} per accepted connection.
 *
 * <pre>
 *  client ──► FlowHandler(client side) ──write──► backend socket ──► backend
 *  client ◄── FlowHandler(backend side) ◄──read── backend socket ◄── backend
 * </pre>
 *
 * Both sockets of a flow live on one event loop, so a flow's state needs no locks. Backpressure: when the socket
 * being written to stops being writable, the other socket stops reading until it drains.
 */
package dev.esb.proxy.route;
