// Camera QR scanning with the browser's BarcodeDetector, where the platform has one (Chromium on
// macOS, Windows, ChromeOS, Android). Elsewhere the button is absent; the scan field takes wedge scanners.
import { useEffect, useRef, useState } from 'react'
import { Button, Text } from '@mantine/core'

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>
}
type DetectorClass = new (options: { formats: string[] }) => Detector

const BarcodeDetector = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector

export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const [isOpen, setIsOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const video = useRef<HTMLVideoElement>(null)

  useEffect(() => {
    if (!isOpen || !BarcodeDetector) return
    let stream: MediaStream | null = null
    let timer: number | undefined
    const detector = new BarcodeDetector({ formats: ['qr_code', 'code_128', 'pdf417'] })
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(
      async (media) => {
        stream = media
        video.current!.srcObject = media
        await video.current!.play()
        const tick = async () => {
          const [found] = await detector.detect(video.current!).catch(() => [])
          if (found?.rawValue) {
            onCode(found.rawValue)
            setIsOpen(false)
          } else timer = window.setTimeout(tick, 200)
        }
        void tick()
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : 'The camera is not available.'),
    )
    return () => {
      window.clearTimeout(timer)
      stream?.getTracks().forEach((track) => track.stop())
    }
  }, [isOpen, onCode])

  if (!BarcodeDetector) return null
  return (
    <div>
      <Button variant="default" onClick={() => setIsOpen((open) => !open)}>
        {isOpen ? 'Stop camera' : 'Scan with camera'}
      </Button>
      {isOpen && <video ref={video} muted playsInline aria-label="Camera preview" style={{ maxWidth: '100%' }} />}
      {error && (
        <Text role="alert" c="red" size="sm">
          {error}
        </Text>
      )}
    </div>
  )
}
