// ECharts, tree-shaken: only the chart types and components the dashboards use are registered, so
// the bundle carries no more of the library than that. Import `VChart` from here, never from
// 'echarts' itself.
import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import { registerMap, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import VChart from 'vue-echarts'

use([CanvasRenderer, BarChart, LineChart, PieChart, MapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent])

export { VChart }

/** The map name the dashboards register the city's districts under. */
export const CITY_MAP = 'city'

export { registerMap }
