// Raw baseline over WebSocket: the `ws` server, one JSON-RPC message per text frame.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { rawHandleText } from '../support/raw-rpc.js';
import { serveNetwork } from './network.js';

const server = createServer((_req, res) => res.writeHead(426).end());
const wss = new WebSocketServer({ server, handleProtocols: (protocols) => (protocols.has('mcp') ? 'mcp' : false) });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const response = rawHandleText(data.toString());
    if (response) socket.send(response);
  });
});
serveNetwork(server, { url: (port) => `ws://127.0.0.1:${port}/mcp`, sessions: () => wss.clients.size });
