// An SCTP peer over plain UDP on loopback that echoes every message on its stream with its ppid.
// Usage: node sctp-echo.js <javaUdpPort> <active|passive>
// Prints "PORT <udpPort>" once bound, "CONNECTED" once associated, and "RECV <stream> <ppid> <bytes> <sha1>"
// per message. Exits when stdin closes.
const crypto = require('crypto')
const dgram = require('dgram')
const sctp = require('sctp')

const javaPort = Number(process.argv[2])
const active = process.argv[3] === 'active'
const udp = dgram.createSocket({ type: 'udp4', recvBufferSize: 4 << 20, sendBufferSize: 4 << 20 })

udp.bind(0, '127.0.0.1', () => {
  console.log(`PORT ${udp.address().port}`)
  const socket = sctp.connect({
    passive: !active,
    localPort: 5000,
    port: 5000,
    OS: 16,
    MIS: 16,
    // a_rwnd is the readable high water mark: 16 KiB by default, less than one large message
    readableHighWaterMark: 1 << 20,
    udpTransport: udp,
    udpPeer: { address: '127.0.0.1', port: javaPort }
  })
  socket.on('connect', () => console.log('CONNECTED'))
  socket.on('error', error => console.log(`ERROR ${error.message}`))
  socket.on('stream', (stream, streamId) => {
    const echo = socket.createStream(streamId)
    stream.on('data', buffer => {
      const sha1 = crypto.createHash('sha1').update(buffer).digest('hex')
      console.log(`RECV ${streamId} ${buffer.ppid} ${buffer.length} ${sha1}`)
      const copy = Buffer.from(buffer)
      copy.ppid = buffer.ppid
      echo.write(copy)
    })
  })
})

process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
