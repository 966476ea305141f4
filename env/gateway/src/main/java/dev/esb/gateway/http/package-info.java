/** Pieces of HTTP handling shared by the Invoke API and the control listener. */
package dev.esb.gateway.http;
