import Synchronization

/// Remembers recent geocoding matches by normalised city name. Places do not move, so entries
/// never expire; the oldest entry is dropped once `capacity` is reached.
final class GeocodingCache: Sendable {
    private struct State {
        var places: [String: GeocodedPlace] = [:]
        var insertionOrder: [String] = []
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    func place(for key: String) -> GeocodedPlace? {
        state.withLock { $0.places[key] }
    }

    func store(_ place: GeocodedPlace, for key: String) {
        guard capacity > 0 else { return }
        state.withLock { state in
            if state.places.updateValue(place, forKey: key) == nil {
                state.insertionOrder.append(key)
            }
            while state.insertionOrder.count > capacity {
                let oldest = state.insertionOrder.removeFirst()
                state.places[oldest] = nil
            }
        }
    }

    var count: Int {
        state.withLock { $0.places.count }
    }
}
