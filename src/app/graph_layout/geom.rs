//! Points and boxes in layout units (the engine's own small types, so that it needs no egui).

use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// A point or a displacement.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct V2 {
    /// Horizontal, to the right.
    pub x: f32,
    /// Vertical, downwards (as on screen).
    pub y: f32,
}

impl V2 {
    /// The origin.
    pub const ZERO: V2 = V2 { x: 0.0, y: 0.0 };

    /// A point.
    pub const fn new(x: f32, y: f32) -> V2 {
        V2 { x, y }
    }

    /// Squared length.
    pub fn length_sq(self) -> f32 {
        self.x * self.x + self.y * self.y
    }

    /// Length.
    pub fn length(self) -> f32 {
        self.length_sq().sqrt()
    }
}

impl Add for V2 {
    type Output = V2;
    fn add(self, o: V2) -> V2 {
        V2::new(self.x + o.x, self.y + o.y)
    }
}

impl Sub for V2 {
    type Output = V2;
    fn sub(self, o: V2) -> V2 {
        V2::new(self.x - o.x, self.y - o.y)
    }
}

impl AddAssign for V2 {
    fn add_assign(&mut self, o: V2) {
        self.x += o.x;
        self.y += o.y;
    }
}

impl SubAssign for V2 {
    fn sub_assign(&mut self, o: V2) {
        self.x -= o.x;
        self.y -= o.y;
    }
}

impl Mul<f32> for V2 {
    type Output = V2;
    fn mul(self, k: f32) -> V2 {
        V2::new(self.x * k, self.y * k)
    }
}

impl Div<f32> for V2 {
    type Output = V2;
    fn div(self, k: f32) -> V2 {
        V2::new(self.x / k, self.y / k)
    }
}

impl Neg for V2 {
    type Output = V2;
    fn neg(self) -> V2 {
        V2::new(-self.x, -self.y)
    }
}

/// An axis-aligned box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Aabb {
    /// Top left.
    pub min: V2,
    /// Bottom right.
    pub max: V2,
}

impl Aabb {
    /// The empty box (grows to anything it is joined with).
    pub const EMPTY: Aabb = Aabb {
        min: V2::new(f32::INFINITY, f32::INFINITY),
        max: V2::new(f32::NEG_INFINITY, f32::NEG_INFINITY),
    };

    /// A box from its corners.
    pub fn new(min: V2, max: V2) -> Aabb {
        Aabb { min, max }
    }

    /// A box from its centre and size.
    pub fn from_center_size(c: V2, w: f32, h: f32) -> Aabb {
        Aabb::new(
            V2::new(c.x - w / 2.0, c.y - h / 2.0),
            V2::new(c.x + w / 2.0, c.y + h / 2.0),
        )
    }

    /// Width.
    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    /// Height.
    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    /// Centre.
    pub fn center(&self) -> V2 {
        (self.min + self.max) * 0.5
    }

    /// Whether the box holds nothing.
    pub fn is_empty(&self) -> bool {
        self.min.x > self.max.x || self.min.y > self.max.y
    }

    /// The smallest box holding both.
    pub fn union(&self, o: &Aabb) -> Aabb {
        Aabb::new(
            V2::new(self.min.x.min(o.min.x), self.min.y.min(o.min.y)),
            V2::new(self.max.x.max(o.max.x), self.max.y.max(o.max.y)),
        )
    }

    /// The box moved by `d`.
    pub fn translate(&self, d: V2) -> Aabb {
        Aabb::new(self.min + d, self.max + d)
    }

    /// The box grown by `m` on every side.
    pub fn expand(&self, m: f32) -> Aabb {
        Aabb::new(self.min - V2::new(m, m), self.max + V2::new(m, m))
    }

    /// Whether the two boxes share an area (touching edges do not count).
    pub fn overlaps(&self, o: &Aabb) -> bool {
        self.min.x < o.max.x && o.min.x < self.max.x && self.min.y < o.max.y && o.min.y < self.max.y
    }

    /// Whether `o` lies wholly inside.
    pub fn contains_box(&self, o: &Aabb) -> bool {
        o.min.x >= self.min.x
            && o.max.x <= self.max.x
            && o.min.y >= self.min.y
            && o.max.y <= self.max.y
    }

    /// Whether the point lies inside.
    pub fn contains(&self, p: V2) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }
}

/// A small deterministic random generator (SplitMix64): the layout's jitter depends on the
/// seed only.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next number in [0, 1).
    pub fn next_f32(&mut self) -> f32 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 40) as f32 / (1u64 << 24) as f32
    }
}
