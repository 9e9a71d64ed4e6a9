/** A small ECharts wrapper: lazy-loaded, SVG, disposed with the component; the caller gives the text alternative. */
import { useEffect, useRef } from 'react';

export function EChart({
  option,
  label,
  height = 280,
}: {
  option: Record<string, unknown>;
  label: string;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    // The container, not the window: a chart also narrows when its panel does (a phone turned, a
    // sidebar opened), and ECharts draws at a fixed pixel width until told to resize.
    const observer = new ResizeObserver(() => chart?.resize());
    void import('echarts').then((echarts) => {
      if (disposed || !ref.current) return;
      const instance = echarts.init(ref.current, undefined, { renderer: 'svg' });
      instance.setOption({ animation: false, ...option });
      chart = instance;
      observer.observe(ref.current);
    });
    return () => {
      disposed = true;
      observer.disconnect();
      chart?.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ height, width: '100%' }} />;
}
