extension StreamingSafeTensorsWriter {
    /// The name and size of one tensor to be streamed.
    public struct TensorLayout: Sendable, Equatable {
        /// Tensor name.
        public var name: String
        /// Number of rows `T` (timesteps).
        public var rows: Int
        /// Number of columns `H` (units).
        public var columns: Int

        /// Describes a `[rows, columns]` F32 tensor called `name`.
        public init(name: String, rows: Int, columns: Int) {
            self.name = name
            self.rows = rows
            self.columns = columns
        }
    }
}
